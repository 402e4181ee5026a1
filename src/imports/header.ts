import { type CellValue, HEADER_SCAN_ROWS, type SheetRow } from './sheet-row.js';

export interface ColumnSpec<F extends string> {
  field: F;
  /** The name printed in error reports and exports. */
  label: string;
  aliases: string[];
  required: boolean;
}

/** Header cells arrive as "*户号", "身份证号\n码", "面积（㎡）": compare on the bare words. */
export function headerKey(value: CellValue): string {
  if (value === null || value instanceof Date) return '';
  return String(value)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\([^)]*\)$/, '');
}

export interface HeaderMatch<F extends string> {
  /** Index into SheetRow[] of the header row; data starts after it. */
  headerIndex: number;
  columns: Map<F, number>;
}

/**
 * Finds the header row among the first rows (titles and merged group rows may sit above it).
 * A column whose cell in that row is blank takes its name from the row above: two-level headers.
 */
export function findHeader<F extends string>(
  rows: SheetRow[],
  specs: ColumnSpec<F>[],
): HeaderMatch<F> | { missing: string[] } {
  let best: { index: number; columns: Map<F, number>; missing: string[] } | null = null;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const row = rows[i];
    if (!row) continue;
    const above = rows[i - 1];
    // Rows are read only as wide as their last cell: a blank second header row may be the shorter.
    const width = Math.max(row.cells.length, above?.cells.length ?? 0);
    const keys = Array.from(
      { length: width },
      (_, col) => headerKey(row.cells[col] ?? null) || (above ? headerKey(above.cells[col] ?? null) : ''),
    );
    const columns = new Map<F, number>();
    for (const spec of specs) {
      const col = keys.findIndex((k) => spec.aliases.includes(k));
      if (col >= 0) columns.set(spec.field, col);
    }
    const missing = specs.filter((s) => s.required && !columns.has(s.field)).map((s) => s.label);
    if (missing.length === 0) return { headerIndex: i, columns };
    if (!best || missing.length < best.missing.length) best = { index: i, columns, missing };
  }
  return { missing: best?.missing ?? specs.filter((s) => s.required).map((s) => s.label) };
}

export const isBlankRow = (row: SheetRow): boolean =>
  row.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** The columns a sheet's header matches, for the reader to keep; none when there is no header. */
export const matchedColumns =
  <F extends string>(specs: ColumnSpec<F>[]) =>
  (headRows: SheetRow[]): number[] => {
    const header = findHeader(headRows, specs);
    return 'missing' in header ? [] : [...header.columns.values()];
  };
