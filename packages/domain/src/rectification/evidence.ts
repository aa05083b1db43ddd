/**
 * Evidence files (佐证材料): which kinds we accept, recognised by their first bytes (magic
 * numbers), never by the name or the browser's claimed type alone. The name's extension must
 * agree with the content.
 */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_KINDS = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'doc', 'xls'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_TYPES: Record<EvidenceKind, { mime: string; extensions: readonly string[]; inline: boolean }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], inline: true },
  png: { mime: 'image/png', extensions: ['png'], inline: true },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  doc: { mime: 'application/msword', extensions: ['doc'], inline: false },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], inline: false },
};

export const EVIDENCE_MESSAGES = {
  tooLarge: `文件不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
  badType: '只能上传 PDF、图片(PNG/JPG)、Word 或 Excel 文件,且扩展名须与文件内容一致',
  noFile: '请选择要上传的文件',
  badName: '文件名不能为空或超过 200 个字',
} as const;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function contains(b: Uint8Array, needle: readonly number[], from: number, to: number): boolean {
  const end = Math.min(to, b.length) - needle.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let k = 0; k < needle.length; k++) if (b[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WINDOW = 64 * 1024;

/** Entry names of a zip are plain text in its local headers and its central directory (at the end). */
function zipHas(b: Uint8Array, name: string): boolean {
  const n = ascii(name);
  return contains(b, n, 0, WINDOW) || contains(b, n, b.length - WINDOW, b.length);
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The kind of an evidence file from its content and name, or null when it is not one we accept. */
export function sniffEvidence(bytes: Uint8Array, fileName: string): EvidenceKind | null {
  const ext = extensionOf(fileName);
  let kind: EvidenceKind | null = null;
  if (startsWith(bytes, PDF)) kind = 'pdf';
  else if (startsWith(bytes, PNG)) kind = 'png';
  else if (startsWith(bytes, JPEG)) kind = 'jpeg';
  else if (startsWith(bytes, ZIP) && zipHas(bytes, '[Content_Types].xml')) kind = zipHas(bytes, 'word/') ? 'docx' : zipHas(bytes, 'xl/') ? 'xlsx' : null;
  // Word and Excel 97-2003 share the OLE container; its streams name the application, the extension decides.
  else if (startsWith(bytes, OLE)) kind = ext === 'doc' ? 'doc' : ext === 'xls' ? 'xls' : null;
  if (kind === null || !EVIDENCE_TYPES[kind].extensions.includes(ext)) return null;
  return kind;
}
