import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The layer rules of .dependency-cruiser.cjs, run as `npm run lint` runs them: on the deliberately bad
// modules of tests/fixtures/layers (each rule must fire) and on src (nothing may break them).
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

async function violationsIn(cwd: string): Promise<Violation[]> {
  // Exit status 1 means "violations found": the report on stdout is what is checked.
  const run = promisify(execFile)(process.execPath, [depcruise, 'src', '--config', config, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const report = JSON.parse((await run).stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map(({ from, to, rule }) => ({
    from,
    to: to.replace(/^.*node_modules\//, 'node_modules/'),
    rule: { name: rule.name, severity: rule.severity },
  }));
}

const fired = (violations: Violation[], rule: string) =>
  violations.filter((v) => v.rule.name === rule).map(({ from, to }) => ({ from, to }));

describe('layers and cycles (dependency-cruiser)', () => {
  it('catches each kind of bad import in the fixture', async () => {
    const violations = await violationsIn(join(root, 'tests/fixtures/layers'));
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
    expect(fired(violations, 'no-fastify-below-routes')).toEqual([
      { from: 'src/widgets/widgets.service.ts', to: expect.stringMatching(/^node_modules\/fastify\//) },
    ]);
    expect(fired(violations, 'routes-call-services')).toEqual([
      { from: 'src/widgets/widgets.routes.ts', to: 'src/widgets/widgets.repo.ts' },
    ]);
    expect(fired(violations, 'pure-files-do-no-io')).toEqual([{ from: 'src/shared/slug.ts', to: 'fs' }]);
    // The repository's own kysely import is allowed; only the report file is caught.
    expect(fired(violations, 'kysely-only-in-repositories')).toEqual([
      { from: 'src/widgets/widget-report.ts', to: expect.stringMatching(/^node_modules\/kysely\//) },
    ]);
    expect(fired(violations, 'no-module-cycle')).toEqual([
      { from: 'src/gadgets/gadget-part.ts', to: 'src/gadgets/gadget.ts' },
    ]);
    expect(fired(violations, 'no-folder-cycle').map((v) => [v.from, v.to].sort())).toEqual([
      ['src/left', 'src/right'],
      ['src/left', 'src/right'],
    ]);
    expect(violations).toHaveLength(7);
  });

  it('finds nothing in src', async () => {
    expect(await violationsIn(root)).toEqual([]);
  });
});
