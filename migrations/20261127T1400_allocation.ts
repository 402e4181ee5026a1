import { type Kysely, sql } from 'kysely';

/** Frozen once landed. Allocation rounds, their households and flats, and selections. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('allocation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('order_method', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('list_hash', 'text')
    .addColumn('commitment', 'text')
    .addColumn('secret', 'text')
    .addColumn('public_value', 'text')
    .addColumn('seed', 'text')
    .addColumn('committed_at', 'text')
    .addColumn('ordered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rounds_project_name_uq', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('round_households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('selection_order', 'integer')
    .addColumn('batch', 'integer')
    .addColumn('flats_allowed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('flats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting'))
    .addColumn('returned_in_batch', 'integer')
    .addUniqueConstraint('round_households_uq', ['round_id', 'household_id'])
    .addUniqueConstraint('round_households_order_uq', ['round_id', 'selection_order'])
    .execute();

  await db.schema
    .createTable('round_units')
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('round_units_pk', ['round_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('selections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('settlement', 'text', (c) => c.notNull())
    .addColumn('selected_at', 'text', (c) => c.notNull())
    .addColumn('selected_by', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .addColumn('undo_reason', 'text')
    .execute();
  // The database, not a check in memory, keeps a flat to one live selection.
  await db.schema
    .createIndex('selections_live_unit_uq')
    .on('selections')
    .column('unit_id')
    .unique()
    .where(sql.ref('undone_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('selections_household_idx')
    .on('selections')
    .columns(['round_id', 'household_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
