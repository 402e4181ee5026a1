/**
 * Where a paragraph's lines end, with some runs kept whole: an identifier such as FJW-BC-2019-0055
 * (which the Unicode rules, and so pdfkit, would break after a hyphen) or a name (which they would
 * break between any two characters) moves to the next line whole rather than split. Pure: the
 * caller supplies the measure.
 *
 * Break opportunities are those of UAX #14, as pdfkit itself uses them (the same `linebreak`
 * package), so the rules against a line starting with "，" or ending with "（" still hold. A run
 * kept whole that is wider than a full line cannot be kept whole: it breaks where the rules allow.
 */
import LineBreaker from 'linebreak';

export interface TextRun {
  text: string;
  keepWhole?: boolean;
}

export interface LineWidths {
  /** Width of the first line (less when it is indented). */
  first: number;
  /** Width of every other line. */
  rest: number;
}

export function breakLines(runs: readonly TextRun[], widths: LineWidths, widthOf: (text: string) => number): string[] {
  const text = runs.map((r) => r.text).join('');
  if (text === '') return [''];
  const kept = keptRanges(runs);
  const allowed = opportunities(text).filter((at) => !kept.some(([start, end]) => at > start && at < end));
  const words = cutAt(text, allowed);

  const lines: string[] = [];
  let line = '';
  const available = (): number => (lines.length === 0 ? widths.first : widths.rest);
  const fits = (candidate: string): boolean => widthOf(candidate.trimEnd()) <= available();
  const place = (word: string): void => {
    if (fits(line + word)) {
      line += word;
      return;
    }
    if (line !== '') {
      lines.push(line.trimEnd());
      line = '';
      if (fits(word)) {
        line = word;
        return;
      }
    }
    // Wider than a whole line: break it where the rules allow, else between characters.
    const pieces = cutAt(word, opportunities(word));
    const parts = pieces.length > 1 ? pieces : Array.from(word);
    if (parts.length === 1) {
      line = word;
      return;
    }
    for (const part of parts) place(part);
  };
  for (const word of words) place(word);
  lines.push(line.trimEnd());
  return lines;
}

function keptRanges(runs: readonly TextRun[]): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const run of runs) {
    if (run.keepWhole) ranges.push([offset, offset + run.text.length]);
    offset += run.text.length;
  }
  return ranges;
}

function opportunities(text: string): number[] {
  const breaker = new LineBreaker(text);
  const positions: number[] = [];
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) positions.push(next.position);
  return positions;
}

/** The text cut before each position (the last position is the end of the text). */
function cutAt(text: string, positions: readonly number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const at of positions) {
    if (at <= from) continue;
    pieces.push(text.slice(from, at));
    from = at;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}
