import { createHash } from 'node:crypto';
import type { DrawNotice } from '../allocation/draw-notice.js';

/**
 * The draw notice's PDF, rendered once per notice content: a round's notice changes twice (at the
 * commitment and at the draw), yet a crowd of phones asks for it at once. Requests for the same
 * content share one rendering; a failed rendering is forgotten so the next request tries again.
 */
export class NoticePdfCache {
  private readonly pdfs = new Map<string, Promise<Buffer>>();
  /** Renderings started, for the tests and the bench. */
  renders = 0;

  constructor(
    private readonly capacity: number,
    private readonly render: (notice: DrawNotice) => Promise<Buffer>,
  ) {}

  pdfFor(notice: DrawNotice): Promise<Buffer> {
    const key = createHash('sha256').update(JSON.stringify(notice)).digest('hex');
    const cached = this.pdfs.get(key);
    if (cached) {
      // Most recently used last: the oldest notice is the one let go.
      this.pdfs.delete(key);
      this.pdfs.set(key, cached);
      return cached;
    }
    this.renders += 1;
    const pdf = this.render(notice);
    pdf.catch(() => this.pdfs.delete(key));
    this.pdfs.set(key, pdf);
    if (this.pdfs.size > this.capacity) this.pdfs.delete(this.pdfs.keys().next().value ?? key);
    return pdf;
  }
}
