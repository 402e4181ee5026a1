import type { DbExecutor } from '../db/create-db.js';
import type { ProjectRow } from '../db/schema.js';

export function findProject(db: DbExecutor, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProjectByCode(db: DbExecutor, code: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listProjects(db: DbExecutor): Promise<ProjectRow[]> {
  return db.selectFrom('projects').selectAll().orderBy('createdAt').execute();
}

export async function insertProject(db: DbExecutor, row: ProjectRow): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function updateProject(db: DbExecutor, row: ProjectRow): Promise<void> {
  const { id, ...changes } = row;
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}
