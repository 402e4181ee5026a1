import { Inflate } from 'fflate';
import { AppError } from '../errors.js';
import { type ImportLimits, mib, tooLarge } from './import-limits.js';

/**
 * An .xlsx is a zip: 17 KB of it once unpacked into gigabytes inside exceljs before a single row
 * was looked at. The central directory is read here (the index JSZip, under exceljs, reads too)
 * and every entry is inflated once with fflate, in slices, counting what comes out; only a file
 * that stays within the limits reaches exceljs. Pure except for yielding to the event loop.
 */

interface ZipEntry {
  name: string;
  method: number;
  packed: number;
  size: number;
  localOffset: number;
}

/** What the workbook holds, counted from its XML before any of it is parsed. */
export interface WorkbookCensus {
  unzippedBytes: number;
  rows: number;
  cells: number;
  sharedStrings: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Small parts (styles, themes) compress far better than sheets and cannot hurt: no ratio below this. */
const RATIO_FLOOR = 1024 * 1024;
// Deflate expands at most ~1,032 times: a 4 KB slice cannot produce more than ~4 MB at once.
const SLICE = 4 * 1024;
/** Unpacking gives the event loop a turn this often, so /health answers while a bomb is examined. */
const YIELD_EVERY = 64 * 1024;

const unreadable = (): AppError =>
  new AppError('BAD_REQUEST', '无法读取该 .xlsx 文件，文件可能已损坏', { field: 'file' });
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function endOfDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= stop; at--) if (buf.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  throw unreadable();
}

/** Refuses on the declared sizes alone, before inflating a byte. */
function readDirectory(buf: Buffer, limits: ImportLimits): ZipEntry[] {
  const end = endOfDirectory(buf);
  const count = buf.readUInt16LE(end + 10);
  if (count > limits.maxEntries) {
    throw tooLarge(
      'ANJU_IMPORT_MAX_ZIP_ENTRIES',
      limits.maxEntries,
      `.xlsx 文件内含 ${count} 个部件，超过上限 ${limits.maxEntries} 个`,
    );
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== DIRECTORY_ENTRY) throw unreadable();
    const nameLength = buf.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      packed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    // 0xFFFFFFFF defers the size to a Zip64 field: more than 4 GB, far over any limit.
    if (entry.size > limits.maxEntryBytes) {
      throw tooLarge(
        'ANJU_IMPORT_MAX_ZIP_ENTRY_BYTES',
        limits.maxEntryBytes,
        `.xlsx 中的“${entry.name}”解压后超过单个部件上限 ${mib(limits.maxEntryBytes)}`,
      );
    }
    total += entry.size;
    if (total > limits.maxUnzippedBytes) {
      throw tooLarge(
        'ANJU_IMPORT_MAX_UNZIPPED_BYTES',
        limits.maxUnzippedBytes,
        `.xlsx 文件解压后超过上限 ${mib(limits.maxUnzippedBytes)}`,
      );
    }
    if (entry.size > RATIO_FLOOR && entry.size > entry.packed * limits.maxRatio) {
      throw tooLarge(
        'ANJU_IMPORT_MAX_ZIP_RATIO',
        limits.maxRatio,
        `.xlsx 中的“${entry.name}”压缩比异常（超过 ${limits.maxRatio} 倍），疑为压缩炸弹`,
      );
    }
    entries.push(entry);
  }
  return entries;
}

// A tag may be split between two slices: keep a short unfinished "<…" for the next one.
const LONGEST_TAG = 12;
const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isTagEnd = (code: number): boolean =>
  code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09 || code === 0x0a || code === 0x0d;

class TagCounter {
  rows = 0;
  cells = 0;
  strings = 0;
  private tail = '';

  /** Counts <row, <c and <si openings (any namespace prefix); a scan by indexOf, as a regex's match objects cost 8 times more. */
  feed(chunk: Uint8Array): void {
    // latin1 keeps one char per byte; UTF-8 continuation bytes are never '<', so tags are found exactly.
    let text = this.tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const cut = text.lastIndexOf('<');
    this.tail = cut >= 0 && text.length - cut < LONGEST_TAG ? text.slice(cut) : '';
    if (this.tail) text = text.slice(0, cut);
    for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
      let name = at + 1;
      // Skip a namespace prefix such as "x:" (some writers use one), letters only, a few at most.
      let end = name;
      while (end - name < 8 && isLetter(text.charCodeAt(end))) end += 1;
      if (end > name && text.charCodeAt(end) === 0x3a) name = end + 1;
      const c0 = text.charCodeAt(name);
      if (c0 === 0x63 && isTagEnd(text.charCodeAt(name + 1))) this.cells += 1;
      else if (c0 === 0x72 && text.startsWith('row', name) && isTagEnd(text.charCodeAt(name + 3))) this.rows += 1;
      else if (c0 === 0x73 && text.charCodeAt(name + 1) === 0x69 && isTagEnd(text.charCodeAt(name + 2)))
        this.strings += 1;
    }
  }

  check(limits: ImportLimits): void {
    if (this.rows > limits.maxRows)
      throw tooLarge('ANJU_IMPORT_MAX_ROWS', limits.maxRows, `表格超过 ${limits.maxRows} 行的上限`);
    if (this.cells > limits.maxCells)
      throw tooLarge('ANJU_IMPORT_MAX_CELLS', limits.maxCells, `表格超过 ${limits.maxCells} 个单元格的上限`);
    if (this.strings > limits.maxCells) {
      throw tooLarge(
        'ANJU_IMPORT_MAX_CELLS',
        limits.maxCells,
        `表格的共享字符串超过 ${limits.maxCells} 个（单元格上限），多于任何表格所能用到的`,
      );
    }
  }
}

/** The entry's stored bytes, found through its local header as JSZip finds them. */
function storedBytes(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (buf.readUInt32LE(at) !== LOCAL_HEADER) throw unreadable();
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + entry.packed > buf.length) throw unreadable();
  return buf.subarray(start, start + entry.packed);
}

async function inflateCounted(
  entry: ZipEntry,
  stored: Buffer,
  counter: TagCounter,
  limits: ImportLimits,
): Promise<number> {
  let produced = 0;
  let sinceYield = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    sinceYield += chunk.length;
    // The declared size passed the limits; an entry that unpacks to more lied about it.
    if (produced > entry.size) {
      throw tooLarge(
        'ZIP_DECLARED_SIZE',
        entry.size,
        `.xlsx 中的“${entry.name}”解压后超过其声明的大小，文件被篡改或已损坏`,
      );
    }
    counter.feed(chunk);
    counter.check(limits);
  });
  for (let offset = 0; offset < stored.length; offset += SLICE) {
    const end = Math.min(stored.length, offset + SLICE);
    try {
      inflater.push(stored.subarray(offset, end), end === stored.length);
    } catch (err) {
      throw err instanceof AppError ? err : unreadable();
    }
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return produced;
}

/** Throws a 413 naming the limit a workbook would break, or a 400 for a damaged zip. */
export async function checkWorkbookZip(buf: Buffer, limits: ImportLimits): Promise<WorkbookCensus> {
  let entries: ZipEntry[];
  try {
    entries = readDirectory(buf, limits);
  } catch (err) {
    throw err instanceof AppError ? err : unreadable();
  }
  const counter = new TagCounter();
  let unzippedBytes = 0;
  for (const entry of entries) {
    if (entry.packed === 0 && entry.size === 0) continue;
    let stored: Buffer;
    try {
      stored = storedBytes(buf, entry);
    } catch (err) {
      throw err instanceof AppError ? err : unreadable();
    }
    let produced: number;
    if (entry.method === 0) {
      counter.feed(stored);
      counter.check(limits);
      produced = stored.length;
    } else if (entry.method === 8) produced = await inflateCounted(entry, stored, counter, limits);
    else throw unreadable();
    if (produced !== entry.size) throw unreadable();
    unzippedBytes += produced;
  }
  return { unzippedBytes, rows: counter.rows, cells: counter.cells, sharedStrings: counter.strings };
}
