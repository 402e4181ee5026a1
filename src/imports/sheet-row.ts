/**
 * What the reader hands to the header search and the row parsers. A leaf of the import modules:
 * the reader (sheet.ts) and the header search (header.ts) both depend on it, never on each other.
 */

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number staff see in Excel (1-based), or the CSV line's record number. */
  rowNumber: number;
  cells: CellValue[];
}

/** Given the rows where the header may be, the column indexes the import will read. */
export type ColumnPicker = (headRows: SheetRow[]) => number[];

/** The header is looked for among this many rows; the reader keeps them whole (up to a width limit). */
export const HEADER_SCAN_ROWS = 15;
