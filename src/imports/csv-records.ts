/**
 * CSV records as Excel and WPS write them (RFC 4180: commas, CRLF or LF, fields in double quotes
 * with "" inside). Written here because csv-parse, with rows shorter than the header allowed,
 * builds an Error with a stack for every such row: 1,000,000 short rows took minutes.
 * Pure; linear in the text; each record is handed over as soon as it is read.
 */

export class CsvError extends Error {
  constructor(
    readonly kind: 'quote' | 'cellTooLong',
    readonly line: number,
  ) {
    super(`${kind} at line ${line}`);
  }
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

export function* csvRecords(text: string, maxCellChars: number): Generator<string[], void, undefined> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let record: string[] = [];
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      value = '';
      for (let from = i + 1; ; ) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new CsvError('quote', startLine);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        value += text.slice(from, close);
        i = close + 1;
        break;
      }
      line += countLines(value);
      const next = text.charCodeAt(i);
      if (i < n && next !== COMMA && next !== LF && next !== CR) throw new CsvError('quote', line);
    } else {
      // A quote inside an unquoted field is a character, as Excel reads it.
      let end = i;
      for (let c = text.charCodeAt(end); end < n && c !== COMMA && c !== LF && c !== CR; c = text.charCodeAt(++end));
      value = text.slice(i, end);
      i = end;
    }
    if (value.length > maxCellChars) throw new CsvError('cellTooLong', line);
    record.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      if (i === n) record.push('');
      continue;
    }
    if (c === CR || c === LF) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line += 1;
    }
    yield record;
    record = [];
  }
  if (record.length > 0) yield record;
}
