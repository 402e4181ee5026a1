import type { Kysely } from 'kysely';

/**
 * Frozen once landed. Checkpoints of the audit chain (seq, head hash, time) that were published
 * outside the database, e.g. on a daily closing report signed on paper. With ANJU_AUDIT_HMAC_KEY
 * set each carries an HMAC, so that whoever rewrites the chain cannot also rewrite its anchors.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // closing-report, or whatever else publishes a checkpoint and keeps it
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('hmac', 'text')
    .execute();
  await db.schema.createIndex('audit_checkpoints_seq_idx').on('audit_checkpoints').column('seq').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
