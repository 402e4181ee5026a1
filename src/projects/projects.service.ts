import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.js';
import { addProjectMember } from '../auth/project-scope.repo.js';
import type { DbExecutor } from '../db/create-db.js';
import type { ProjectRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { type Actor, servesProject } from '../shared/roles.js';
import {
  type SettlementRules,
  settlementRulesSchema,
  type TransitionRules,
  transitionRulesSchema,
} from './project-rules.js';
import * as repo from './projects.repo.js';

export const DEFAULT_DOCUMENT_CHECKLIST = ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书'];

export interface ProjectView {
  id: string;
  code: string;
  name: string;
  officeName: string;
  settlementRules: SettlementRules;
  transitionRules: TransitionRules;
  documentChecklist: string[];
  createdAt: string;
  updatedAt: string;
}

export const toProjectView = (row: ProjectRow): ProjectView => ({
  ...row,
  settlementRules: settlementRulesSchema.parse(JSON.parse(row.settlementRules)),
  transitionRules: transitionRulesSchema.parse(JSON.parse(row.transitionRules)),
  documentChecklist: z.array(z.string()).parse(JSON.parse(row.documentChecklist)),
});

export interface ProjectInput {
  code: string;
  name: string;
  officeName: string;
  settlementRules: SettlementRules;
  transitionRules: TransitionRules;
  documentChecklist?: string[] | undefined;
}

export async function requireProject(db: DbExecutor, id: string): Promise<ProjectRow> {
  const project = await repo.findProject(db, id);
  if (!project) throw notFound('项目', 'projectId');
  return project;
}

export async function createProject(deps: AppDeps, actor: Actor, input: ProjectInput): Promise<ProjectView> {
  const now = deps.clock.now().toISOString();
  const row: ProjectRow = {
    id: randomUUID(),
    code: input.code,
    name: input.name,
    officeName: input.officeName,
    settlementRules: JSON.stringify(input.settlementRules),
    transitionRules: JSON.stringify(input.transitionRules),
    documentChecklist: JSON.stringify(input.documentChecklist ?? DEFAULT_DOCUMENT_CHECKLIST),
    createdAt: now,
    updatedAt: now,
  };
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findProjectByCode(trx, input.code)) {
      throw new AppError('DUPLICATE', `项目代号“${input.code}”已被使用`, { field: 'code' });
    }
    await repo.insertProject(trx, row);
    // Whoever sets a project up serves it: a supervisor's own project is never closed to them.
    if (actor.id && !servesProject(actor, row.id)) await addProjectMember(trx, actor.id, row.id);
    const view = toProjectView(row);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'project.create', entityType: 'project', entityId: row.id, projectId: row.id, after: view },
    ]);
    return view;
  });
}

export async function updateProject(
  deps: AppDeps,
  actor: Actor,
  id: string,
  changes: Partial<Omit<ProjectInput, 'code'>> & { reason: string },
): Promise<ProjectView> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await requireProject(trx, id);
    const next: ProjectRow = {
      ...current,
      name: changes.name ?? current.name,
      officeName: changes.officeName ?? current.officeName,
      settlementRules: changes.settlementRules ? JSON.stringify(changes.settlementRules) : current.settlementRules,
      transitionRules: changes.transitionRules ? JSON.stringify(changes.transitionRules) : current.transitionRules,
      documentChecklist: changes.documentChecklist
        ? JSON.stringify(changes.documentChecklist)
        : current.documentChecklist,
      updatedAt: deps.clock.now().toISOString(),
    };
    await repo.updateProject(trx, next);
    const after = toProjectView(next);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'project.update',
        entityType: 'project',
        entityId: id,
        projectId: id,
        before: toProjectView(current),
        after: { ...after, reason: changes.reason },
      },
    ]);
    return after;
  });
}

/** The projects this person serves (all of them for administrators). */
export async function listProjects(deps: AppDeps, actor: Actor): Promise<ProjectView[]> {
  return (await repo.listProjects(deps.db)).filter((p) => servesProject(actor, p.id)).map(toProjectView);
}

export async function getProject(deps: AppDeps, id: string): Promise<ProjectView> {
  return toProjectView(await requireProject(deps.db, id));
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    project: ProjectView;
  }
}
