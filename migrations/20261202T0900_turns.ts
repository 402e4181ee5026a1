import type { Kysely } from 'kysely';

/**
 * Frozen once landed. Why a household is away from the day (returned, no-show, passed over,
 * marked absent) so the 选房 desk and the hall can say it; key returns, without which a flat
 * whose keys were handed out cannot be taken back; 放弃 / 视为放弃 / 货币补偿 and their reinstatement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workflows').addColumn('away_reason', 'text').execute();
  await db.schema.alterTable('workflows').addColumn('away_stage', 'text').execute();

  await db.schema
    .createTable('key_returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('handover_record_id', 'text', (c) => c.notNull().references('stage_records.id'))
    .addColumn('keys', 'integer', (c) => c.notNull())
    .addColumn('access_cards', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_returns_handover_uq')
    .on('key_returns')
    .column('handover_record_id')
    .unique()
    .execute();

  await db.schema
    .createTable('forfeits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    // forfeit (放弃选房) | deemed (视为放弃) | cash (货币补偿)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('statement_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('reinstated_at', 'text')
    .addColumn('reinstated_by', 'text')
    .addColumn('reinstate_reason', 'text')
    .execute();
  await db.schema
    .createIndex('forfeits_round_household_idx')
    .on('forfeits')
    .columns(['round_id', 'household_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
