import { type Kysely, sql } from 'kysely';

/**
 * Frozen once landed. Staff belong to projects: a desk of one project neither reads nor works
 * another's. `all_projects` is for an office whose staff serve every project (administrators
 * always do). Accounts that existed before keep working as they did: they serve every project.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('all_projects', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update staff set all_projects = 1`.execute(db);
  await db.schema
    .createTable('staff_projects')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('staff_projects_pk', ['staff_id', 'project_id'])
    .execute();
  await db.schema.createIndex('staff_projects_project_idx').on('staff_projects').column('project_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
