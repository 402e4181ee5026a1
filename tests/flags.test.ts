import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStaffByUsername } from '../src/auth/auth.repo.js';
import { findHousehold, membersOf } from '../src/households/households.repo.js';
import { createProjectVia, householdBody } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Flags are stored as 0/1; repositories hand out booleans; the API's JSON is what it always was. */
let t: TestApp;
let supervisor: string;
let householdId: string;

beforeAll(async () => {
  t = await createTestApp();
  supervisor = await t.loginAs('supervisor', 'flag-supervisor');
  const projectId = await createProjectVia(t.app, supervisor, 'FLG');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/households`,
    headers: { cookie: supervisor },
    payload: householdBody('F-001'),
  });
  expect(res.statusCode).toBe(201);
  householdId = res.json().id;
});
afterAll(async () => t.close());

describe('yes/no columns', () => {
  it('are 0/1 in the tables and booleans out of the repositories', async () => {
    const stored = await t.deps.db
      .selectFrom('households')
      .select(['isElderly', 'isDisabled'])
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ isElderly: 1, isDisabled: 0 });
    expect(await findHousehold(t.deps.db, householdId)).toMatchObject({
      isElderly: true,
      isDisabled: false,
      isLowIncome: false,
    });
    expect((await membersOf(t.deps.db, [householdId])).map((m) => m.isHead)).toEqual([true, false]);
    expect(await findStaffByUsername(t.deps.db, 'flag-supervisor')).toMatchObject({ active: true, allProjects: true });
  });

  it('are written back as 0/1 by a correction, whose audit row quotes the stored row as before', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${householdId}`,
      headers: { cookie: supervisor },
      payload: { flags: { elderly: false, disabled: true }, reason: '复核残疾证后更正' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().flags).toEqual({ elderly: false, disabled: true, lowIncome: false });
    expect(patch.json().members.map((m: { isHead: boolean }) => m.isHead)).toEqual([true, false]);
    const stored = await t.deps.db
      .selectFrom('households')
      .select(['isElderly', 'isDisabled'])
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ isElderly: 0, isDisabled: 1 });
    const [update] = (
      await t.app.inject({ method: 'GET', url: `/api/audit?entityId=${householdId}`, headers: { cookie: supervisor } })
    ).json();
    expect(update.action).toBe('household.update');
    expect(update.before).toMatchObject({ isElderly: 1, isDisabled: 0, isLowIncome: 0 });
    expect(update.after).toMatchObject({ isElderly: 0, isDisabled: 1, isLowIncome: 0 });
  });
});
