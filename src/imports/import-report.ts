/** One problem in an uploaded sheet, located as staff would find it in Excel. */
export interface ImportIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  ok: boolean;
  written: boolean;
  dataRows: number;
  households?: number;
  members?: number;
  units?: number;
  issues: ImportIssue[];
  /** Not problems: names with characters no font prints (the papers leave a gap for the pen). */
  warnings?: string[];
}

/** A cell's text is echoed to help staff find it; a 5 MB cell echoed 500 times would be 2.5 GB. */
const SHOWN_VALUE_CHARS = 60;
const shown = (value: string | null): string | null => {
  if (value === null || value === '') return null;
  return value.length > SHOWN_VALUE_CHARS
    ? `${value.slice(0, SHOWN_VALUE_CHARS)}…（共 ${value.length} 个字符）`
    : value;
};

export const tooManyIssuesMessage = (max: number): string => `问题过多，仅列出前 ${max} 处`;

/**
 * Problems by row and column. Looking one up is a map read, not a scan of the list (scanning made
 * 40,000 rows take 108 s). Past `max` problems the rest are counted, not listed.
 */
export class IssueList {
  readonly items: ImportIssue[] = [];
  private count = 0;
  // Row → bit set of the columns with a problem; a column label gets its bit when first seen. A
  // string key per problem cost a second for 200,000 problems.
  private readonly bits = new Map<string, number>();
  private readonly rows = new Map<number, number>();

  constructor(private readonly max: number) {}

  add(row: number | null, column: string | null, value: string | null, message: string): void {
    this.count += 1;
    if (row !== null && column !== null) this.rows.set(row, (this.rows.get(row) ?? 0) | this.bitOf(column));
    if (this.items.length < this.max) this.items.push({ row, column, value: shown(value), message });
    else if (this.items.length === this.max)
      this.items.push({ row: null, column: null, value: null, message: tooManyIssuesMessage(this.max) });
  }

  /** Whether this cell already has a problem: then "cannot be empty" would only repeat it. */
  has(row: number, column: string): boolean {
    const bit = this.bits.get(column);
    return bit !== undefined && ((this.rows.get(row) ?? 0) & bit) !== 0;
  }

  private bitOf(column: string): number {
    let bit = this.bits.get(column);
    if (bit === undefined) {
      // Sheets have at most 14 named columns; past 31 labels the last bit is shared (has() errs towards "already reported").
      bit = 1 << Math.min(this.bits.size, 30);
      this.bits.set(column, bit);
    }
    return bit;
  }

  /** Every problem found, listed or not. */
  get total(): number {
    return this.count;
  }

  get empty(): boolean {
    return this.count === 0;
  }
}
