import { inflateSync } from 'node:zlib';

/** What an upload really is, judged by its bytes rather than its name or declared type. */
export type SniffResult =
  | { ok: true; contentType: 'application/pdf' | 'image/jpeg' | 'image/png' }
  | { ok: false; reason: 'type' | 'corrupt'; message: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const corrupt = (what: string): SniffResult => ({
  ok: false,
  reason: 'corrupt',
  message: `${what}文件不完整或已损坏，请重新扫描或拍照后上传`,
});

function checkPdf(buffer: Buffer): SniffResult {
  // A complete PDF ends with %%EOF (allowing trailing whitespace); a cut-off transfer does not.
  const tail = buffer.subarray(Math.max(0, buffer.length - 1024)).toString('latin1');
  return tail.includes('%%EOF') ? { ok: true, contentType: 'application/pdf' } : corrupt('PDF ');
}

function checkJpeg(buffer: Buffer): SniffResult {
  const end = buffer.subarray(Math.max(0, buffer.length - 16));
  const hasEnd = end.includes(Buffer.from([0xff, 0xd9]));
  return hasEnd ? { ok: true, contentType: 'image/jpeg' } : corrupt('JPEG 图片');
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Walks the PNG chunks: each length must fit, each CRC must match, and IEND must close the file. */
function checkPng(buffer: Buffer): SniffResult {
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buffer.length) return corrupt('PNG 图片');
    const typeAndData = buffer.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== buffer.readUInt32BE(offset + 8 + length)) return corrupt('PNG 图片');
    if (typeAndData.subarray(0, 4).toString('latin1') === 'IEND') return { ok: true, contentType: 'image/png' };
    offset = end;
  }
  return corrupt('PNG 图片');
}

export function sniffSignedCopy(buffer: Buffer): SniffResult {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return checkPdf(buffer);
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return checkJpeg(buffer);
  if (buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return checkPng(buffer);
  return { ok: false, reason: 'type', message: '只接受 PDF、JPEG 或 PNG 格式的签字协议扫描件或照片' };
}

const PAGE_OBJECT = /\/Type\s*\/Page(?![a-zA-Z])/g;
const OBJECT_STREAM = /\/Type\s*\/ObjStm[\s\S]*?stream\r?\n/g;

/** Page objects in plain text, plus those packed in compressed object streams (scanners often write them). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let pages = text.match(PAGE_OBJECT)?.length ?? 0;
  for (const match of text.matchAll(OBJECT_STREAM)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      pages += inflateSync(pdf.subarray(start, end)).toString('latin1').match(PAGE_OBJECT)?.length ?? 0;
    } catch {
      // Not Flate-compressed or damaged: such a stream holds no page we can count.
    }
  }
  return pages;
}
