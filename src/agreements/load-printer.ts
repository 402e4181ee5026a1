import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pdfFonts } from '../pdf/fonts.js';
import { loadAgreementTemplate } from './agreement-template.js';
import type { AgreementPrinter } from './printer.js';
import { renderAgreementPdf } from './render-agreement.js';

// templates/ sits at the project root: two levels up from src/agreements, three from dist/src/agreements.
const DEFAULT_TEMPLATE = ['..', '..', '..']
  .map((_, i, ups) => resolve(import.meta.dirname, ...ups.slice(0, i + 2), 'templates', 'agreement.v2.txt'))
  .find(existsSync);

/** Loads and checks the agreement template once, at start: a template with a bad placeholder stops the service. */
export function loadAgreementPrinter(templatePath = DEFAULT_TEMPLATE): AgreementPrinter {
  if (!templatePath) throw new Error('Agreement template templates/agreement.v2.txt not found');
  const template = loadAgreementTemplate(templatePath);
  // Parsing the CJK fonts takes most of a second: do it at start, not in the first desk's request.
  pdfFonts();
  return { templateVersion: template.version, render: (view) => renderAgreementPdf(view, template) };
}
