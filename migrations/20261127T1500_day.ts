import { type Kysely, sql } from 'kysely';

const DEFAULT_CHECKLIST = JSON.stringify(['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书']);

/** Frozen once landed. The allocation day: batches, desks, arrivals, stage records, agreements. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('document_checklist', 'text', (c) => c.notNull().defaultTo(DEFAULT_CHECKLIST))
    .execute();

  await db.schema
    .createTable('round_batches')
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_batches_pk', ['round_id', 'number'])
    .execute();

  await db.schema
    .createTable('desk_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('desk_number', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('desk_sessions_staff_idx')
    .on('desk_sessions')
    .columns(['staff_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('absent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_stage', 'text')
    .addColumn('called_stage', 'text')
    .addColumn('called_desk', 'text')
    .addColumn('called_at', 'text')
    .addColumn('called_by', 'text')
    .addColumn('done_at', 'text')
    .addUniqueConstraint('workflows_round_household_uq', ['round_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('workflows_queue_idx')
    .on('workflows')
    .columns(['round_id', 'next_stage', 'batch', 'position'])
    .execute();

  await db.schema
    .createTable('stage_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .addColumn('desk_number', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  // Exactly once: one live completion per household and stage, whatever the desks send.
  await db.schema
    .createIndex('stage_records_completed_uq')
    .on('stage_records')
    .columns(['workflow_id', 'stage'])
    .unique()
    .where(sql.ref('outcome'), '=', 'completed')
    .where(sql.ref('voided_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
