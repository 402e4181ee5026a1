import SqliteDatabase from 'better-sqlite3';

export interface OnlineCopyStats {
  totalPages: number;
  steps: number;
  /** Times SQLite started the copy over because the source changed under it; 0 by design. */
  restarts: number;
}

/**
 * Copies a live SQLite database with the online backup API, a few pages per step so the
 * event loop (and the disk) get air between steps.
 *
 * The copy runs inside one read transaction opened on the source connection first. In WAL mode
 * that snapshot never blocks the server's writers, and it keeps the copy consistent: without it
 * SQLite restarts the copy every time another process commits between two steps, and a busy
 * server can keep it restarting for ever.
 */
export async function copyLiveSqlite(
  sourceFile: string,
  destFile: string,
  pagesPerStep: number,
): Promise<OnlineCopyStats> {
  // Read-write but only reading: a read-only connection could not tidy up -wal/-shm when it is the
  // last one to close, and their presence is what tells restore that a server has the file open.
  const source = new SqliteDatabase(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.exec('BEGIN');
    // A deferred BEGIN takes its snapshot at the first read.
    source.prepare('SELECT last_seq FROM audit_head WHERE id = 1').get();
    let steps = 0;
    let restarts = 0;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const result = await source.backup(destFile, {
      progress: ({ remainingPages }) => {
        steps += 1;
        if (remainingPages > lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        return pagesPerStep;
      },
    });
    source.exec('COMMIT');
    return { totalPages: result.totalPages, steps: steps + 1, restarts };
  } finally {
    source.close();
  }
}

/** A backup is one self-contained file: switch the copy out of WAL so no -wal/-shm belong to it. */
export function makeSelfContained(file: string): void {
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
