import type { Kysely } from 'kysely';

/** Frozen once landed. Stored documents (generated PDFs, signed copies) and the agreement's papers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // bytea is PostgreSQL's binary type; SQLite keeps a blob as given whatever the declared type.
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  for (const [name, type] of [
    ['template_version', 'text'],
    ['content_hash', 'text'],
    ['pdf_document_id', 'text'],
    ['pdf_sha256', 'text'],
    ['signed_copy_document_id', 'text'],
    ['signed_copy_sha256', 'text'],
    ['signed_copy_at', 'text'],
    ['signed_copy_by', 'text'],
    ['voided_at', 'text'],
    ['void_reason', 'text'],
    ['replaces_id', 'text'],
  ] as const) {
    await db.schema.alterTable('agreements').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('agreements_household_idx')
    .on('agreements')
    .columns(['round_id', 'household_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
