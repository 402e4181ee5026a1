import type { Stage } from '../../../src/checkin/stages.js';

/** One import file: its household codes share `prefix`, so the database can be counted per file. */
export interface ImportEntry {
  projectId: string;
  prefix: string;
  households: number;
  members: number;
  /** true once a 2xx answer said it was written; false while the outcome is unknown (killed). */
  answered: boolean;
  /** For an import whose first answer was lost: had the killed try committed it, or did the retry? */
  afterKill?: 'committed-before-kill' | 'written-on-retry';
}

/**
 * Everything the server answered as done. After each restart the database must still hold all of
 * it: an answer given is a promise kept, whatever happened to the process afterwards.
 */
export class Ledger {
  readonly stages: { workflowId: string; stage: Stage; recordId: string }[] = [];
  readonly selections: { selectionId: string; unitId: string; householdId: string }[] = [];
  readonly agreements: { id: string; number: string }[] = [];
  /** PDFs served or stored on regeneration: the bytes' sha256 the client saw. */
  readonly pdfs = new Map<string, string>();
  readonly signedCopies = new Map<string, string>();
  readonly voided = new Set<string>();
  readonly imports: ImportEntry[] = [];
  /** Requests answered while a retry was needed because an earlier answer was lost. */
  retriedAfterCrash = 0;
  /** Stage requests whose answer a kill took: committed before it (the retry is a repeat), or not. */
  readonly lostStageAnswers = { committedBeforeKill: 0, doneOnRetry: 0 };

  stageCount(stage: Stage): number {
    return new Set(this.stages.filter((s) => s.stage === stage).map((s) => s.workflowId)).size;
  }

  /** Each kind of promise once, for the run's figures. */
  figures() {
    return {
      stagesDone: this.stages.length,
      selections: this.selections.length,
      agreementsNumbered: this.agreements.length,
      pdfsServed: this.pdfs.size,
      signedCopies: this.signedCopies.size,
      regenerations: this.voided.size,
      importsAnswered: this.imports.filter((i) => i.answered).length,
      importsUnknown: this.imports.filter((i) => !i.answered).length,
      importsKilledCommitted: this.imports.filter((i) => i.afterKill === 'committed-before-kill').length,
      importsKilledRolledBack: this.imports.filter((i) => i.afterKill === 'written-on-retry').length,
      retriedAfterCrash: this.retriedAfterCrash,
      lostStageAnswers: this.lostStageAnswers,
    };
  }
}
