/**
 * Figures are decimals with at most two places (numeric(14,2) in the database), held here as
 * BigInt hundredths so that sums, ratios and target comparisons are exact: no float drift
 * decides whether 96.999…% reaches 97%.
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "97.5" → 9750n. Throws on anything that is not a plain decimal with at most two places. */
export function toHundredths(text: string): bigint {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) throw new Error(`more than two decimal places: ${text}`);
  const value = BigInt(m[2]!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** 9750n → "97.5" (trailing zeros dropped, as figures are written: 100, 97.5, 0.25). */
export function fromHundredths(h: bigint): string {
  return formatScaled(h, 2);
}

/** A number scaled by 10^places, written with at most `places` decimals and no trailing zeros. */
export function formatScaled(v: bigint, places: number): string {
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const scale = 10n ** BigInt(places);
  const whole = abs / scale;
  const fraction = places > 0 ? String(abs % scale).padStart(places, '0').replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** p / q scaled by 10^places, rounded half away from zero; q must be non-zero. */
export function divRound(p: bigint, q: bigint, places: number): bigint {
  if (q === 0n) throw new Error('division by zero');
  const negative = p < 0n !== q < 0n && p !== 0n;
  const num = (p < 0n ? -p : p) * 10n ** BigInt(places);
  const den = q < 0n ? -q : q;
  const rounded = (num * 2n + den) / (den * 2n);
  return negative ? -rounded : rounded;
}

/** Canonical text of a decimal input (a JSON number or a string): "97.50" → "97.5"; null when invalid. */
export function canonicalDecimal(input: number | string, max: number): string | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // Only numbers that are exactly what they print as with two places (0.1 + 0.2 is refused).
    text = input.toFixed(2);
    if (Number(text) !== input) return null;
  } else text = input.trim();
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(text)) return null;
  const h = toHundredths(text);
  if (h > BigInt(max) * 100n) return null;
  return fromHundredths(h);
}
