import type { DbExecutor } from '../db/create-db.js';
import type { KeyReturnRow } from '../db/schema.js';

export function keyReturnOf(db: DbExecutor, handoverRecordId: string): Promise<KeyReturnRow | undefined> {
  return db.selectFrom('keyReturns').selectAll().where('handoverRecordId', '=', handoverRecordId).executeTakeFirst();
}

export async function insertKeyReturn(db: DbExecutor, row: KeyReturnRow): Promise<void> {
  await db.insertInto('keyReturns').values(row).execute();
}
