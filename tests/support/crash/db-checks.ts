import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import type { Ledger } from './ledger.js';

type Row = Record<string, unknown>;

export interface CheckReport {
  problems: string[];
  integrity: string;
  counts: {
    stageRecords: number;
    liveSelections: number;
    agreements: number;
    documents: number;
    importedHouseholds: number;
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads the SQLite file as it is (read-only, one snapshot, beside the running server) and names
 * every promise in the ledger it does not keep, and every state no answer could explain.
 */
export function checkDatabase(file: string, ledger: Ledger): CheckReport {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const all = (query: string, ...params: unknown[]) => db.prepare(query).all(...params) as Row[];
    const one = (query: string, ...params: unknown[]) => db.prepare(query).get(...params) as Row | undefined;
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const read = db.transaction((): CheckReport => {
      const problems: string[] = [];
      if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
      for (const fk of all('pragma foreign_key_check')) problems.push(`foreign key broken: ${JSON.stringify(fk)}`);

      for (const done of ledger.stages) {
        const row = one('select workflow_id, stage, outcome, voided_at from stage_records where id = ?', done.recordId);
        if (!row)
          problems.push(
            `stage ${done.stage} of workflow ${done.workflowId} answered as done (record ${done.recordId}) but missing`,
          );
        else if (
          row.workflow_id !== done.workflowId ||
          row.stage !== done.stage ||
          row.outcome !== 'completed' ||
          row.voided_at !== null
        )
          problems.push(`stage record ${done.recordId} differs: ${JSON.stringify(row)}`);
      }
      for (const twice of all(
        "select workflow_id, stage, count(*) as n from stage_records where outcome = 'completed' and voided_at is null group by workflow_id, stage having n > 1",
      )) {
        problems.push(`stage done twice: ${JSON.stringify(twice)}`);
      }

      for (const taken of all(
        'select unit_id, count(*) as n from selections where undone_at is null group by unit_id having n > 1',
      ))
        problems.push(`flat taken twice: ${JSON.stringify(taken)}`);
      for (const s of ledger.selections) {
        const row = one('select unit_id, household_id, undone_at from selections where id = ?', s.selectionId);
        if (!row || row.unit_id !== s.unitId || row.household_id !== s.householdId || row.undone_at !== null)
          problems.push(`selection ${s.selectionId} answered but not live: ${JSON.stringify(row)}`);
      }
      const mismatched = all(
        "select u.id, u.status, (select count(*) from selections s where s.unit_id = u.id and s.undone_at is null) as live from units u where (u.status = 'allocated') <> (live > 0)",
      );
      for (const unit of mismatched)
        problems.push(`flat status disagrees with its selections: ${JSON.stringify(unit)}`);

      checkAgreements(ledger, all, one, problems);
      const importedHouseholds = checkImports(ledger, one, problems);
      const count = (table: string, where = '') => Number(one(`select count(*) as n from ${table} ${where}`)?.n ?? 0);
      return {
        problems,
        integrity,
        counts: {
          stageRecords: count('stage_records'),
          liveSelections: count('selections', 'where undone_at is null'),
          agreements: count('agreements'),
          documents: count('documents'),
          importedHouseholds,
        },
      };
    });
    return read();
  } finally {
    db.close();
  }
}

type All = (query: string, ...params: unknown[]) => Row[];
type One = (query: string, ...params: unknown[]) => Row | undefined;

function checkAgreements(ledger: Ledger, all: All, one: One, problems: string[]): void {
  for (const a of ledger.agreements) {
    const row = one('select number from agreements where id = ?', a.id);
    if (row?.number !== a.number) problems.push(`agreement ${a.number} answered but missing`);
  }
  for (const [id, sha] of ledger.pdfs) {
    const row = one('select pdf_sha256 from agreements where id = ?', id);
    if (row?.pdf_sha256 !== sha)
      problems.push(`agreement ${id} served a PDF ${sha.slice(0, 12)} but holds ${String(row?.pdf_sha256)}`);
  }
  for (const [id, sha] of ledger.signedCopies) {
    const row = one('select signed_copy_sha256 from agreements where id = ?', id);
    if (row?.signed_copy_sha256 !== sha)
      problems.push(`signed copy of ${id} answered but holds ${String(row?.signed_copy_sha256)}`);
  }
  for (const id of ledger.voided) {
    if (one('select status from agreements where id = ?', id)?.status !== 'voided')
      problems.push(`agreement ${id} answered as replaced but not voided`);
  }
  // Every stored PDF belongs to exactly its agreement, and its bytes are the ones hashed.
  for (const a of all(
    'select a.id, a.number, a.pdf_sha256, d.id as doc, d.kind, d.sha256, d.bytes from agreements a left join documents d on d.id = a.pdf_document_id where a.pdf_document_id is not null',
  )) {
    if (a.doc === null) problems.push(`agreement ${String(a.number)} points at a missing PDF`);
    else if (a.kind !== 'agreement' || a.sha256 !== a.pdf_sha256 || sha256(a.bytes as Buffer) !== a.sha256)
      problems.push(`agreement ${String(a.number)}: stored PDF does not match its hash`);
  }
  // A number and its PDF are issued in one transaction: no kill may leave one without the other.
  for (const bare of all('select number from agreements where pdf_document_id is null')) {
    problems.push(`agreement number ${String(bare.number)} without its PDF`);
  }
  for (const orphan of all(
    "select id from documents d where kind = 'agreement' and not exists (select 1 from agreements a where a.pdf_document_id = d.id)",
  )) {
    problems.push(`agreement PDF ${String(orphan.id)} without its agreement row`);
  }
  // Signed copies are left out: a new scan replaces the agreement's link and the earlier one is kept.
  for (const twice of all(
    "select round_id, household_id, count(*) as n from agreements where status <> 'voided' group by round_id, household_id having n > 1",
  )) {
    problems.push(`two agreements in force for one household: ${JSON.stringify(twice)}`);
  }
}

/** An import answered 2xx is all there; one killed before its answer is all there or not at all. */
function checkImports(ledger: Ledger, one: One, problems: string[]): number {
  let households = 0;
  for (const entry of ledger.imports) {
    const like = `${entry.prefix}%`;
    const h = Number(
      one('select count(*) as n from households where project_id = ? and code like ?', entry.projectId, like)?.n ?? 0,
    );
    const m = Number(
      one(
        'select count(*) as n from household_members m join households h on h.id = m.household_id where h.project_id = ? and h.code like ?',
        entry.projectId,
        like,
      )?.n ?? 0,
    );
    households += h;
    const whole = h === entry.households && m === entry.members;
    const none = h === 0 && m === 0;
    if (entry.answered ? !whole : !(whole || none)) {
      problems.push(
        `import ${entry.prefix} (${entry.answered ? 'answered' : 'killed'}) left ${h}/${entry.households} households, ${m}/${entry.members} members`,
      );
    }
  }
  return households;
}
