import { performance } from 'node:perf_hooks';
import { demoHouseholds } from '../../src/demo/demo-data.js';
import { insertHouseholdDrafts } from '../../src/households/households.service.js';
import { exportHouseholds } from '../../src/imports/exports.service.js';
import { systemActor } from '../../src/shared/roles.js';
import { createProjectVia } from '../support/fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { benchImportBombs } from './import-bombs.js';

const HOUSEHOLDS = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 10,000 households (with members) through the real HTTP import: dry run, then the real one. */
export async function benchImport(): Promise<void> {
  const t = await createTestApp();
  let honestFile: Buffer = Buffer.alloc(0);
  try {
    const cookie = await t.loginAs('supervisor');
    const source = await createProjectVia(t.app, cookie, 'SRC');
    const drafts = demoHouseholds(HOUSEHOLDS, 7);
    await t.deps.db
      .transaction()
      .execute((trx) => insertHouseholdDrafts(trx, t.deps, systemActor('bench'), source, drafts, 'bench'));
    const file = await exportHouseholds(t.deps, source);
    honestFile = file;
    const members = drafts.reduce((n, d) => n + d.members.length, 0);
    console.log(
      `import: ${HOUSEHOLDS} households, ${members} member rows, .xlsx ${(file.length / 1024).toFixed(0)} KiB, database ${t.database.kind}`,
    );

    const target = await createProjectVia(t.app, cookie, 'DST');
    for (const dryRun of [true, false]) {
      const started = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${target}/imports/households?dryRun=${dryRun}`,
        headers: { cookie, 'content-type': XLSX },
        payload: file,
      });
      const ms = performance.now() - started;
      const report = res.json();
      if (res.statusCode !== 200 || report.households !== HOUSEHOLDS)
        throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      const label = dryRun ? 'dry run (check only)' : 'real import (one transaction)';
      console.log(
        `  ${label.padEnd(30)} ${(ms / 1000).toFixed(2)} s   ${Math.round((HOUSEHOLDS / ms) * 1000)} households/s`,
      );
    }
  } finally {
    await t.close();
  }
  const honest = {
    family: 'honest',
    label: `${HOUSEHOLDS} households, as exported`,
    kind: 'households' as const,
    type: XLSX,
    build: async () => honestFile,
  };
  await benchImportBombs([honest]);
}
