import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from '../src/agreements/file-sniff.js';
import { pdfOfPages } from './support/scan-pdf.js';

describe('pdfPageCount', () => {
  it('counts the pages of a plain PDF, not its page tree', async () => {
    expect(pdfPageCount(await pdfOfPages(1))).toBe(1);
    expect(pdfPageCount(await pdfOfPages(5))).toBe(5);
  });

  it('counts pages packed in compressed object streams, as scanners write them', () => {
    const packed = deflateSync(
      Buffer.from('<< /Type /Pages /Count 3 >> << /Type /Page >> << /Type /Page >> << /Type/Page >>'),
    );
    const pdf = Buffer.concat([
      Buffer.from(
        `%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 4 /First 0 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`,
      ),
      packed,
      Buffer.from('\nendstream\nendobj\n%%EOF\n'),
    ]);
    expect(pdfPageCount(pdf)).toBe(3);
  });
});
