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
}

export class IssueList {
  readonly items: ImportIssue[] = [];

  add(row: number | null, column: string | null, value: string | null, message: string): void {
    this.items.push({ row, column, value: value === '' ? null : value, message });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}
