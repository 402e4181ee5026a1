import { hasNul } from '../shared/text.js';
import type { IssueList } from './import-report.js';
import type { CellValue, SheetRow } from './sheet-row.js';

export interface SheetOptions {
  /** Problems listed in the report before the rest are only counted. */
  maxIssues: number;
}

/** The API's length rule in the words staff read in the report, or null when the text fits. */
export function overLimit(label: string, value: string | null, max: number): string | null {
  return value !== null && value.length > max ? `${label}最多 ${max} 个字符（此处 ${value.length} 个）` : null;
}

/**
 * A row's cells by field, each NUL-bearing cell reported once (column by column) and then read as
 * empty, the API's rule for NUL (see shared/text.ts); "cannot be empty" then sees the cell is reported.
 */
export function nulCheckedCells<F extends string>(
  row: SheetRow,
  columns: Map<F, number>,
  labelOf: (field: F) => string,
  issues: IssueList,
): (field: F) => CellValue {
  const refused = new Set<F>();
  for (const [field, index] of columns) {
    const value = row.cells[index];
    if (typeof value === 'string' && hasNul(value)) {
      refused.add(field);
      issues.add(row.rowNumber, labelOf(field), null, '含有不可见的空字符（NUL），请删除后重新上传');
    }
  }
  return (field) => {
    const index = columns.get(field);
    return index === undefined || refused.has(field) ? null : (row.cells[index] ?? null);
  };
}
