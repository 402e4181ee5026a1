import type { LightMyRequestResponse } from 'fastify';
import type { HouseholdView } from '../../src/households/household-view.js';
import type { ImportReport } from '../../src/imports/import-report.js';
import { exampleSettlementRules, exampleTransitionRules } from '../../src/projects/project-rules.js';
import { XLSX_TYPE } from './sheets.js';
import type { TestApp } from './test-app.js';

export type { HouseholdView, ImportReport };

export interface ImportRefusal {
  code: string;
  message: string;
  details: { report: ImportReport };
}

export async function createProject(t: TestApp, cookie: string, code: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/projects',
    headers: { cookie },
    payload: {
      code,
      name: '范家湾城中村改造项目',
      officeName: '七里河区房屋征收办',
      settlementRules: exampleSettlementRules,
      transitionRules: exampleTransitionRules,
    },
  });
  if (res.statusCode !== 201) throw new Error(`project: ${res.body}`);
  return res.json<{ id: string }>().id;
}

export interface BuildingInput {
  zone: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  entrances: number;
}

export async function createBuilding(
  t: TestApp,
  cookie: string,
  projectId: string,
  input: BuildingInput,
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/buildings`,
    headers: { cookie },
    payload: { ...input, totalArea: '10553.77' },
  });
  if (res.statusCode !== 201) throw new Error(`building: ${res.body}`);
  return res.json<{ id: string }>().id;
}

export interface UploadOptions {
  dryRun: boolean;
  contentType?: string;
}

export function upload(
  t: TestApp,
  cookie: string,
  projectId: string,
  kind: 'households' | 'units',
  file: Buffer,
  options: UploadOptions,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/imports/${kind}?dryRun=${options.dryRun}`,
    headers: { cookie, 'content-type': options.contentType ?? XLSX_TYPE },
    payload: file,
  });
}

export async function listHouseholds(
  t: TestApp,
  cookie: string,
  projectId: string,
  q?: string,
): Promise<HouseholdView[]> {
  const query = q === undefined ? '?limit=500' : `?limit=500&q=${encodeURIComponent(q)}`;
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/households${query}`,
    headers: { cookie },
  });
  if (res.statusCode !== 200) throw new Error(`households: ${res.body}`);
  return res.json<{ items: HouseholdView[] }>().items;
}

/** Counted straight from the database, so a write the API does not show would still be seen. */
export async function countRows(
  t: TestApp,
  table: 'households' | 'householdMembers' | 'units',
  projectId: string,
): Promise<number> {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function auditActions(
  t: TestApp,
  projectId: string,
): Promise<{ action: string; entityId: string; afterJson: string | null }[]> {
  return t.deps.db
    .selectFrom('auditLog')
    .select(['action', 'entityId', 'afterJson'])
    .where('projectId', '=', projectId)
    .orderBy('seq')
    .execute();
}

/** Issues as (row, column) pairs in report order: compact enough to compare whole. */
export const issueCells = (report: ImportReport): [number | null, string | null][] =>
  report.issues.map((i) => [i.row, i.column]);
