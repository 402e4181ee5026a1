import type { AgreementView } from './agreement-view.js';

/** The loaded, checked template and the renderer behind it, built once at start. */
export interface AgreementPrinter {
  templateVersion: string;
  render(view: AgreementView): Promise<Buffer>;
}
