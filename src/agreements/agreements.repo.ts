import { sql } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';
import type { AgreementRow, DocumentRow } from '../db/schema.js';

/** Next number of a per-project sequence; the row lock serialises concurrent signers. */
/**
 * One statement, so two desks issuing a project's first number of the year at once both succeed:
 * an update-then-insert pair lets both miss the row and the second insert break the key.
 */
export async function nextCounterValue(db: DbExecutor, projectId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ projectId, name, value: 1 })
    .onConflict((oc) => oc.columns(['projectId', 'name']).doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export async function insertAgreement(
  db: DbExecutor,
  row: Pick<
    AgreementRow,
    'id' | 'projectId' | 'roundId' | 'householdId' | 'number' | 'status' | 'signedAt' | 'signedBy'
  > &
    Partial<AgreementRow>,
) {
  await db.insertInto('agreements').values(row).execute();
}

/** The household's agreement in force in a round (voided ones stay for the record). */
export function liveAgreementOf(
  db: DbExecutor,
  roundId: string,
  householdId: string,
): Promise<AgreementRow | undefined> {
  return db
    .selectFrom('agreements')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .where('status', '!=', 'voided')
    .executeTakeFirst();
}

export function findAgreement(db: DbExecutor, id: string): Promise<AgreementRow | undefined> {
  return db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAgreementByNumber(db: DbExecutor, number: string): Promise<AgreementRow | undefined> {
  return db.selectFrom('agreements').selectAll().where('number', '=', number).executeTakeFirst();
}

/** A round's agreements in force; with `includeVoided` the voided ones too (a household's history shows them). */
export function agreementsOfRound(db: DbExecutor, roundId: string, includeVoided = false): Promise<AgreementRow[]> {
  const query = db.selectFrom('agreements').selectAll().where('roundId', '=', roundId);
  return (includeVoided ? query : query.where('status', '!=', 'voided')).orderBy('number').execute();
}

/** Stores the generated PDF only once: a racing second rendering loses and is discarded. */
export async function attachPdf(
  db: DbExecutor,
  id: string,
  pdf: { documentId: string; sha256: string; contentHash: string; templateVersion: string },
) {
  const result = await db
    .updateTable('agreements')
    .set({
      pdfDocumentId: pdf.documentId,
      pdfSha256: pdf.sha256,
      contentHash: pdf.contentHash,
      templateVersion: pdf.templateVersion,
    })
    .where('id', '=', id)
    .where('pdfDocumentId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function attachSignedCopy(
  db: DbExecutor,
  id: string,
  copy: { documentId: string; sha256: string; at: string; by: string },
) {
  await db
    .updateTable('agreements')
    .set({
      status: 'signed',
      signedCopyDocumentId: copy.documentId,
      signedCopySha256: copy.sha256,
      signedCopyAt: copy.at,
      signedCopyBy: copy.by,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertDocument(db: DbExecutor, row: DocumentRow) {
  await db.insertInto('documents').values(row).execute();
}

export function findDocument(db: DbExecutor, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function voidAgreement(db: DbExecutor, roundId: string, householdId: string, at: string, reason: string) {
  await db
    .updateTable('agreements')
    .set({ status: 'voided', voidedAt: at, voidReason: reason })
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .where('status', '!=', 'voided')
    .execute();
}
