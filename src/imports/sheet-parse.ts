import { CellProblem, type CellResult, cellText } from './cells.js';
import { type ColumnSpec, findHeader, isBlankRow } from './header.js';
import { type ImportIssue, IssueList } from './import-report.js';
import type { CellValue, SheetRow } from './sheet-row.js';
import { nulCheckedCells, overLimit, type SheetOptions } from './sheet-rules.js';

/** A checked sheet: what it yields and every problem (row, column, Chinese reason) found on the way. */
export interface SheetResult<R> {
  records: R[];
  dataRows: number;
  issues: ImportIssue[];
  /** Every problem found; `issues` lists at most the configured number. */
  issueCount: number;
}

/** What one kind of sheet (households, flats) plugs into the shared reading of rows. */
export interface SheetKind<F extends string, Row, R> {
  columns: ColumnSpec<F>[];
  /** One non-blank data row to what it holds, its problems reported on `row`; null when nothing is kept. */
  readRow(row: RowCheck<F>): Row | null;
  /** The kept rows to the records they make together; rules across rows report here. */
  combine(rows: Row[], issues: IssueList): R[];
}

/** Pure: finds the header, reads every data row below it, and combines what the rows hold. */
export function parseSheet<F extends string, Row, R>(
  rows: SheetRow[],
  kind: SheetKind<F, Row, R>,
  options: SheetOptions,
): SheetResult<R> {
  const issues = new IssueList(options.maxIssues);
  const header = findHeader(rows, kind.columns);
  if ('missing' in header) {
    issues.add(null, null, null, `找不到表头：缺少“${header.missing.join('”“')}”列`);
    return { records: [], dataRows: 0, issues: issues.items, issueCount: issues.total };
  }
  const labels = new Map(kind.columns.map((c) => [c.field, c.label]));
  const kept: Row[] = [];
  let dataRows = 0;
  for (const row of rows.slice(header.headerIndex + 1)) {
    if (isBlankRow(row)) continue;
    dataRows += 1;
    const value = kind.readRow(new RowCheck(row, header.columns, labels, issues));
    if (value !== null) kept.push(value);
  }
  const records = kind.combine(kept, issues);
  return { records, dataRows, issues: issues.items, issueCount: issues.total };
}

/** One data row's cells by field, and the problems found in them reported under the column's label. */
export class RowCheck<F extends string> {
  readonly rowNumber: number;
  readonly cell: (field: F) => CellValue;
  private readonly issuesBefore: number;

  constructor(
    row: SheetRow,
    columns: Map<F, number>,
    private readonly labels: Map<F, string>,
    private readonly issues: IssueList,
  ) {
    this.rowNumber = row.rowNumber;
    this.issuesBefore = issues.total;
    this.cell = nulCheckedCells(row, columns, (field) => this.label(field), issues);
  }

  label(field: F): string {
    return this.labels.get(field) ?? field;
  }

  /** Reports a problem, echoing the cell as typed unless another text locates it better. */
  fail(field: F, message: string, shown: string | null = cellText(this.cell(field))): void {
    this.issues.add(this.rowNumber, this.label(field), shown, message);
  }

  /** Whether this cell already has a problem: then "cannot be empty" would only repeat it. */
  reported(field: F): boolean {
    return this.issues.has(this.rowNumber, this.label(field));
  }

  /** Whether any problem was reported on this row. */
  get failed(): boolean {
    return this.issues.total > this.issuesBefore;
  }

  /** A reader's value, or null with its problem reported. */
  take<T>(field: F, result: CellResult<T>): T | null {
    if (result instanceof CellProblem) {
      this.fail(field, result.message);
      return null;
    }
    return result;
  }

  /** A missing value is reported, unless the cell's own problem already was. */
  required<T>(field: F, value: T | null, message: string): T | null {
    if (value === null && !this.reported(field)) this.fail(field, message, null);
    return value;
  }

  /** The API's length limit, on the text as it would be stored; a text over it is reported and read as empty. */
  capped(field: F, value: string | null, max: number): string | null {
    const over = overLimit(this.label(field), value, max);
    if (over) this.fail(field, over, value);
    return over ? null : value;
  }
}

/** A key (ID number, flat) each row must hold alone, in the sheet and in the project. */
export class UniqueKeys {
  private readonly firstRows = new Map<string, number>();

  constructor(
    private readonly known: ReadonlySet<string>,
    private readonly reasons: { repeated: (firstRow: number) => string; known: string },
  ) {}

  /** Null when the key is new, which it then holds for this row; else why the row may not have it. */
  claim(key: string, rowNumber: number): string | null {
    const firstRow = this.firstRows.get(key);
    if (firstRow !== undefined) return this.reasons.repeated(firstRow);
    if (this.known.has(key)) return this.reasons.known;
    this.firstRows.set(key, rowNumber);
    return null;
  }
}
