import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2 A/AA findings of impact serious or critical on the page as it stands. The page's
 * context needs `bypassCSP: true`: axe is injected as a script the pages' CSP would refuse.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations)`,
  );
  // One line a rule and page: the first element at fault and how many more, so a colour fixed once reads once.
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const [first] = v.nodes;
      const more = v.nodes.length > 1 ? ` (+${v.nodes.length - 1} more)` : '';
      return `${page.url()} [${v.impact}] ${v.id} ${JSON.stringify(first?.target)}${more}: ${v.help} — ${first?.failureSummary ?? ''}`;
    });
}
