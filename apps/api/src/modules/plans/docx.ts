import { inflateRawSync } from 'node:zlib';
import { AppError, PLAN_DOCX_MAX_UNZIPPED_BYTES, PLAN_MESSAGES, docxXmlToText, zipDeclaredSize } from '@fz/domain';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const unreadable = () => new AppError('BAD_REQUEST', PLAN_MESSAGES.unreadableDocx);

/**
 * The named entries of a zip (a .docx), inflated. Only what a Word file uses: stored or
 * deflated entries, no encryption, no ZIP64. Sizes are checked against the central directory
 * before anything is inflated, and inflation stops at the declared size (zip bombs).
 */
export function readZipEntries(zip: Buffer, names: readonly string[]): Map<string, Buffer> {
  const declared = zipDeclaredSize(zip);
  if (declared === null) throw unreadable();
  if (declared > PLAN_DOCX_MAX_UNZIPPED_BYTES) throw new AppError('BAD_REQUEST', PLAN_MESSAGES.docxTooLarge);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const found = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    at = next;
    if (!names.includes(name)) continue;
    if (flags & 1 || (method !== 0 && method !== 8)) throw unreadable();
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw unreadable();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw unreadable();
    const data = zip.subarray(start, start + compressed);
    try {
      found.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }));
    } catch {
      throw unreadable();
    }
  }
  return found;
}

/** The text of a .docx as the plan parser reads it (see docxXmlToText). */
export function docxText(file: Buffer): string {
  const entries = readZipEntries(file, ['word/document.xml', 'word/numbering.xml']);
  const body = entries.get('word/document.xml');
  if (!body) throw unreadable();
  return docxXmlToText(body.toString('utf8'), entries.get('word/numbering.xml')?.toString('utf8') ?? '');
}

/** A .txt upload: UTF-8 (with or without BOM), else GB18030 as Chinese Windows saves it. */
export function plainText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(file);
    } catch {
      throw new AppError('BAD_REQUEST', PLAN_MESSAGES.unreadableText);
    }
  }
}
