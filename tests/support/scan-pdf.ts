import PDFDocument from 'pdfkit';

/** A blank PDF of `pages` A4 pages: what a scanner makes of a signed paper, page for page. */
export function pdfOfPages(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 0; i < pages; i++) doc.addPage({ size: 'A4' }).text(`page ${i + 1}`);
  doc.end();
  return done;
}
