import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.js';
import type { StaffRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { type Actor, type Role, roles } from '../shared/roles.js';
import * as repo from './auth.repo.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { projectOfEntity, projectsOfStaff, type ScopeKind, setProjectsOfStaff } from './project-scope.repo.js';

const roleList = z.array(z.enum(roles));

export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  /** Serves every project, or only `projectIds` */
  allProjects: boolean;
  projectIds: string[];
  createdAt: string;
}

export const toStaffView = (row: StaffRow, projectIds: string[] = []): StaffView => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  roles: roleList.parse(JSON.parse(row.roles)),
  active: row.active,
  allProjects: row.allProjects,
  projectIds,
  createdAt: row.createdAt,
});

const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function login(deps: AppDeps, input: { username: string; password: string }) {
  const staff = await repo.findStaffByUsername(deps.db, input.username);
  const hash = staff?.passwordHash ?? (await decoyPasswordHash(deps.config.ANJU_SCRYPT_LOG_N));
  const passwordOk = await verifyPassword(input.password, hash);
  if (!staff || !passwordOk || !staff.active) {
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误，或账号已停用');
  }
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.ANJU_SESSION_TTL_HOURS * 3_600_000).toISOString();
  const actor: Actor = { id: staff.id, name: staff.username, roles: toStaffView(staff).roles };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      staffId: staff.id,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await recordAudit(trx, deps.clock, actor, [{ action: 'auth.login', entityType: 'staff', entityId: staff.id }]);
  });
  return { token, expiresAt, staff: toStaffView(staff) };
}

export async function logout(deps: AppDeps, token: string): Promise<void> {
  await repo.deleteSession(deps.db, sessionIdOf(token));
}

/** The project of the entity a staff route's path names (a print job by its round), for the access check. */
export async function projectOfPathEntity(
  deps: AppDeps,
  scope: ScopeKind | 'printJob',
  id: string,
): Promise<string | undefined> {
  if (scope !== 'printJob') return projectOfEntity(deps.db, scope, id);
  const roundId = deps.printJobs.find(id)?.roundId;
  return roundId ? projectOfEntity(deps.db, 'round', roundId) : undefined;
}

export async function resolveSession(deps: AppDeps, token: string): Promise<(Actor & { displayName: string }) | null> {
  const row = await repo.findLiveSession(deps.db, sessionIdOf(token), deps.clock.now().toISOString());
  if (!row?.active) return null;
  const staffRoles = roleList.parse(JSON.parse(row.roles));
  const projects =
    row.allProjects || staffRoles.includes('admin') ? 'all' : await projectsOfStaff(deps.db, row.staffId);
  return { id: row.staffId, name: row.username, displayName: row.displayName, roles: staffRoles, projects };
}

export interface NewStaffInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  allProjects?: boolean | undefined;
  projectIds?: string[] | undefined;
}

export async function createStaff(deps: AppDeps, actor: Actor, input: NewStaffInput): Promise<StaffView> {
  const passwordHash = await hashPassword(input.password, deps.config.ANJU_SCRYPT_LOG_N);
  const now = deps.clock.now().toISOString();
  const row: StaffRow = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash,
    roles: JSON.stringify([...new Set(input.roles)]),
    active: true,
    allProjects: input.allProjects ?? false,
    createdAt: now,
    updatedAt: now,
  };
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findStaffByUsername(trx, input.username)) {
      throw new AppError('DUPLICATE', `用户名“${input.username}”已被使用`, { field: 'username' });
    }
    await repo.insertStaff(trx, row);
    const projectIds = [...new Set(input.projectIds ?? [])];
    await setProjectsOfStaff(trx, row.id, projectIds);
    const view = toStaffView(row, projectIds);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'staff.create', entityType: 'staff', entityId: row.id, after: view },
    ]);
    return view;
  });
}

export interface StaffChanges {
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  allProjects?: boolean | undefined;
  projectIds?: string[] | undefined;
}

export async function updateStaff(deps: AppDeps, actor: Actor, id: string, changes: StaffChanges): Promise<StaffView> {
  const passwordHash = changes.password
    ? await hashPassword(changes.password, deps.config.ANJU_SCRYPT_LOG_N)
    : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findStaffById(trx, id);
    if (!current) throw notFound('工作人员账号', 'id');
    if (actor.id === id && (changes.active === false || (changes.roles && !changes.roles.includes('admin')))) {
      throw new AppError('CONFLICT', '不能停用自己的账号或撤销自己的管理员权限', {
        field: changes.active === false ? 'active' : 'roles',
      });
    }
    const next: StaffRow = {
      ...current,
      displayName: changes.displayName ?? current.displayName,
      roles: changes.roles ? JSON.stringify([...new Set(changes.roles)]) : current.roles,
      active: changes.active ?? current.active,
      allProjects: changes.allProjects ?? current.allProjects,
      passwordHash: passwordHash ?? current.passwordHash,
      updatedAt: deps.clock.now().toISOString(),
    };
    await repo.updateStaff(trx, id, next);
    const projectsBefore = await projectsOfStaff(trx, id);
    const projectIds = changes.projectIds ? [...new Set(changes.projectIds)] : projectsBefore;
    if (changes.projectIds) await setProjectsOfStaff(trx, id, projectIds);
    if (!next.active || passwordHash) await repo.deleteSessionsOfStaff(trx, id);
    const after = { ...toStaffView(next, projectIds), passwordChanged: passwordHash !== undefined };
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'staff.update',
        entityType: 'staff',
        entityId: id,
        before: toStaffView(current, projectsBefore),
        after,
      },
    ]);
    return toStaffView(next, projectIds);
  });
}

export async function listStaff(deps: AppDeps): Promise<StaffView[]> {
  const rows = await repo.listStaff(deps.db);
  return Promise.all(rows.map(async (row) => toStaffView(row, await projectsOfStaff(deps.db, row.id))));
}

/** First start with an empty staff table: the admin comes from env, never from a default password. */
export async function ensureBootstrapAdmin(deps: AppDeps, actor: Actor): Promise<StaffView | null> {
  const { ANJU_BOOTSTRAP_ADMIN_USERNAME: username, ANJU_BOOTSTRAP_ADMIN_PASSWORD: password } = deps.config;
  if (!username || !password) return null;
  if ((await repo.countStaff(deps.db)) > 0) return null;
  return createStaff(deps, actor, { username, password, displayName: '系统管理员', roles: ['admin'] });
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    staff: StaffView;
  }
}
