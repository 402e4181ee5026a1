import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/** Everything an upload may cost the server, read once from the configuration. */
export interface ImportLimits {
  maxUnzippedBytes: number;
  maxEntryBytes: number;
  maxEntries: number;
  maxRatio: number;
  maxRows: number;
  maxCells: number;
  maxCellChars: number;
  maxColumns: number;
  maxIssues: number;
}

export function importLimits(config: Config): ImportLimits {
  return {
    maxUnzippedBytes: config.ANJU_IMPORT_MAX_UNZIPPED_BYTES,
    maxEntryBytes: config.ANJU_IMPORT_MAX_ZIP_ENTRY_BYTES,
    maxEntries: config.ANJU_IMPORT_MAX_ZIP_ENTRIES,
    maxRatio: config.ANJU_IMPORT_MAX_ZIP_RATIO,
    maxRows: config.ANJU_IMPORT_MAX_ROWS,
    maxCells: config.ANJU_IMPORT_MAX_CELLS,
    maxCellChars: config.ANJU_IMPORT_MAX_CELL_CHARS,
    maxColumns: config.ANJU_IMPORT_MAX_COLUMNS,
    maxIssues: config.ANJU_IMPORT_MAX_ISSUES,
  };
}

/** The setting behind each limit, named in the refusal so an administrator knows what to raise. */
export type LimitName =
  | 'ANJU_IMPORT_MAX_UNZIPPED_BYTES'
  | 'ANJU_IMPORT_MAX_ZIP_ENTRY_BYTES'
  | 'ANJU_IMPORT_MAX_ZIP_ENTRIES'
  | 'ANJU_IMPORT_MAX_ZIP_RATIO'
  | 'ANJU_IMPORT_MAX_ROWS'
  | 'ANJU_IMPORT_MAX_CELLS'
  | 'ANJU_IMPORT_MAX_CELL_CHARS'
  /** Not a setting: an entry unpacking to more than the size the zip itself declares. */
  | 'ZIP_DECLARED_SIZE';

export const mib = (bytes: number): string =>
  `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/** 413 before anything is written: the file is refused as a whole, not reported row by row. */
export function tooLarge(limit: LimitName, max: number, message: string): AppError {
  return new AppError('IMPORT_TOO_LARGE', `导入未执行：${message}`, { field: 'file', details: { limit, max } });
}
