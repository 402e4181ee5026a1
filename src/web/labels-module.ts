import { agreementStatusLabels } from '../agreements/agreement-status.js';
import { roundHouseholdStatusLabels, roundStatusText } from '../allocation/round-rules.js';
import { auditActionLabels } from '../audit/audit-actions.js';
import { unitStatusLabels } from '../buildings/unit-label.js';
import { householdStatusLabels, stages, stageTable } from '../checkin/stages.js';
import { roleLabels } from '../shared/roles.js';

/** The words the pages show for the server's codes, each from the one place the server keeps it. */
export function labelTables() {
  return {
    stageLabels: Object.fromEntries(stages.map((s) => [s, stageTable[s].label])),
    householdStatusLabels,
    roundHouseholdStatusLabels,
    roundStatusLabels: roundStatusText,
    unitStatusLabels,
    agreementStatusLabels,
    auditActionLabels,
    roleLabels,
  };
}

/**
 * /static/labels.js, written once at start from those tables, so a page imports the same words the
 * server uses (its types are in static/labels.d.ts). JSON is valid JavaScript; `<` is escaped so
 * the text stays inert wherever it lands.
 */
export function labelsModule(): string {
  const lines = Object.entries(labelTables()).map(
    ([name, table]) => `export const ${name} = Object.freeze(${JSON.stringify(table).replace(/</g, '\\u003c')});`,
  );
  return `// Generated at start from the server's label tables (src/web/labels-module.ts).\n${lines.join('\n')}\n`;
}
