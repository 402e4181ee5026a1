/**
 * Yes/no columns are stored as 0/1, the same on SQLite and PostgreSQL (DESIGN.md: portable data).
 * Repositories convert at their edge: what they return carries booleans, what they are given to
 * write carries booleans; only the SQL inside a repository speaks 0 and 1.
 */

/** A row shape with its flag columns as booleans (optional ones stay optional). */
export type Flagged<Row, Flag extends keyof Row> = Omit<Row, Flag> & { [K in keyof Pick<Row, Flag>]: boolean };

export const fromStoredFlag = (stored: number): boolean => stored === 1;

export const toStoredFlag = (flag: boolean): 0 | 1 => (flag ? 1 : 0);

/** For a partial update: a flag left out stays out (Kysely skips undefined values in `set`). */
export const toStoredFlagIfGiven = (flag: boolean | undefined): 0 | 1 | undefined =>
  flag === undefined ? undefined : toStoredFlag(flag);
