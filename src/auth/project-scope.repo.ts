import type { DbExecutor } from '../db/create-db.js';

/** What a staff route's `:id` names, by the route's first path segment. */
export type ScopeKind = 'project' | 'round' | 'household' | 'workflow' | 'agreement' | 'selection' | 'forfeit';

/** The project an entity belongs to, or undefined when there is no such entity (the route then answers 404 itself). */
export async function projectOfEntity(db: DbExecutor, kind: ScopeKind, id: string): Promise<string | undefined> {
  switch (kind) {
    case 'project':
      return (await db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst())?.id;
    case 'round':
      return (await db.selectFrom('allocationRounds').select('projectId').where('id', '=', id).executeTakeFirst())
        ?.projectId;
    case 'household':
      return (await db.selectFrom('households').select('projectId').where('id', '=', id).executeTakeFirst())?.projectId;
    case 'agreement':
      return (await db.selectFrom('agreements').select('projectId').where('id', '=', id).executeTakeFirst())?.projectId;
    case 'workflow':
    case 'selection':
    case 'forfeit': {
      const table = kind === 'workflow' ? 'workflows' : kind === 'selection' ? 'selections' : 'forfeits';
      const row = await db
        .selectFrom(table)
        .innerJoin('allocationRounds', 'allocationRounds.id', `${table}.roundId`)
        .select('allocationRounds.projectId')
        .where(`${table}.id`, '=', id)
        .executeTakeFirst();
      return row?.projectId;
    }
  }
}

export async function projectsOfStaff(db: DbExecutor, staffId: string): Promise<string[]> {
  return (await db.selectFrom('staffProjects').select('projectId').where('staffId', '=', staffId).execute()).map(
    (r) => r.projectId,
  );
}

export async function setProjectsOfStaff(
  db: DbExecutor,
  staffId: string,
  projectIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('staffProjects').where('staffId', '=', staffId).execute();
  if (projectIds.length > 0)
    await db
      .insertInto('staffProjects')
      .values(projectIds.map((projectId) => ({ staffId, projectId })))
      .execute();
}

export async function addProjectMember(db: DbExecutor, staffId: string, projectId: string): Promise<void> {
  await db
    .insertInto('staffProjects')
    .values({ staffId, projectId })
    .onConflict((oc) => oc.columns(['staffId', 'projectId']).doNothing())
    .execute();
}
