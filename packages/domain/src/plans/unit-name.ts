/**
 * The full name of a new unit for a name a plan uses: plans write 区司法局 or 县商务局 for the
 * issuer's own offices, whose real names start with the jurisdiction (河东区司法局). A name that
 * already starts with the jurisdiction, or names another body, is kept as written.
 */
export function fullUnitName(jurisdictionName: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith(jurisdictionName)) return trimmed;
  const suffix = ['街道', '区', '县', '市', '镇', '乡', '旗'].find((s) => jurisdictionName.endsWith(s));
  if (suffix && trimmed.startsWith(suffix) && jurisdictionName.length > suffix.length) return `${jurisdictionName}${trimmed.slice(suffix.length)}`;
  return trimmed;
}
