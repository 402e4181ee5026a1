import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCounterValue } from '../src/agreements/agreements.repo.js';
import { createProjectVia } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp();
  projectId = await createProjectVia(t.app, await t.loginAs('supervisor'), 'NUM');
});
afterAll(async () => t.close());

describe('agreement number counter', () => {
  it('gives eight desks issuing the first number of a year at once eight different numbers', async () => {
    // On PostgreSQL every transaction is open before any asks for a number, so all of them miss
    // the row together. SQLite runs one transaction at a time on its one connection: no barrier.
    const together = t.deps.dialect === 'postgres' ? 8 : 1;
    let opened = 0;
    let release: () => void = () => undefined;
    const allOpen = new Promise<void>((resolve) => (release = resolve));
    const desks = Array.from({ length: 8 }, () =>
      t.deps.db.transaction().execute(async (trx) => {
        await trx.selectFrom('projects').select('id').where('id', '=', projectId).execute();
        opened += 1;
        if (opened >= together) release();
        await allOpen;
        return nextCounterValue(trx, projectId, 'agreement-2026');
      }),
    );
    const numbers = await Promise.all(desks);
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await nextCounterValue(t.deps.db, projectId, 'agreement-2026')).toBe(9);
  });
});
