import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActionLabels } from '../src/audit/audit-actions.js';
import { householdStatusLabels, stages, stageTable } from '../src/checkin/stages.js';
import { labelsModule, labelTables } from '../src/web/labels-module.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// Stage, status and action words reach the pages from the server's own tables, never from copies.
describe('/static/labels.js', () => {
  it('is served as a module holding the server tables, word for word', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/static/labels.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    const module = (await import(`data:text/javascript;base64,${Buffer.from(res.body).toString('base64')}`)) as Record<
      string,
      Record<string, string>
    >;
    expect({ ...module }).toEqual(labelTables());
    expect(module.auditActionLabels).toEqual(auditActionLabels);
    expect(module.stageLabels).toEqual(Object.fromEntries(stages.map((s) => [s, stageTable[s].label])));
    expect(Object.isFrozen(module.stageLabels)).toBe(true);
  });

  it('declares for the type checker exactly the tables it exports', () => {
    const declared = readFileSync(resolve(import.meta.dirname, '../src/web/static/labels.d.ts'), 'utf8');
    const names = [...declared.matchAll(/export declare const (\w+)/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.keys(labelTables()).sort());
  });

  it('names every household status the day can reach', () => {
    for (const stage of stages) expect(householdStatusLabels[stageTable[stage].reached]).toBeTruthy();
    for (const status of ['registered', 'arrived', 'done']) expect(householdStatusLabels[status]).toBeTruthy();
  });

  it('keeps markup inert: no "<" survives into the module text', () => {
    expect(labelsModule()).not.toContain('<');
  });
});
