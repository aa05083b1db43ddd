const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const EOCD_MIN = 22;
/** The end record sits in the last 22 bytes plus a comment of at most 64 KiB. */
const EOCD_SEARCH = EOCD_MIN + 0xffff;

/**
 * The total uncompressed size a zip (an .xlsx) declares in its central directory, or null when
 * the directory cannot be read or uses ZIP64 (far beyond any file we accept). Checked before
 * a library inflates an upload, so a small zip bomb is refused unopened.
 */
export function zipDeclaredSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let eocd = -1;
  for (let i = bytes.length - EOCD_MIN; i >= Math.max(0, bytes.length - EOCD_SEARCH); i--) {
    if (u32(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = u16(eocd + 10);
  const dirSize = u32(eocd + 12);
  const dirStart = u32(eocd + 16);
  if (entries === 0xffff || dirStart === 0xffffffff || dirStart + dirSize > eocd) return null;
  let total = 0;
  let at = dirStart;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL_HEADER) return null;
    const size = u32(at + 24);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return total;
}
