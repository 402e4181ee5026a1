import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  badRowsCsv,
  HOUSEHOLD_HEADER,
  paddedWorkbook,
  sharedStringsWorkbook,
  UNIT_HEADER,
  wideWorkbook,
} from '../support/bombs.js';
import { XLSX_TYPE } from '../support/sheets.js';

export interface BombCase {
  family: string;
  label: string;
  kind: 'households' | 'units';
  type: string;
  build: () => Promise<Buffer>;
}

/** The worst file of each family in the "Hostile files" report, as reported. */
const cases: BombCase[] = [
  {
    family: 'wide',
    label: 'households: 2,000 one-cell rows + XFD',
    kind: 'households',
    type: XLSX_TYPE,
    build: () => wideWorkbook(HOUSEHOLD_HEADER, 2000),
  },
  {
    family: 'wide',
    label: 'units: 400 one-cell rows + XFD',
    kind: 'units',
    type: XLSX_TYPE,
    build: () => wideWorkbook(UNIT_HEADER, 400),
  },
  {
    family: 'padded',
    label: 'sheet padded to 500 MiB, sizes declared',
    kind: 'households',
    type: XLSX_TYPE,
    build: () => paddedWorkbook(500 * 1024 * 1024),
  },
  {
    family: 'padded',
    label: 'sheet padded to 500 MiB, sizes forged',
    kind: 'households',
    type: XLSX_TYPE,
    build: () => paddedWorkbook(500 * 1024 * 1024, { lie: true }),
  },
  {
    family: 'shared strings',
    label: '2,000,000 × "a"',
    kind: 'households',
    type: XLSX_TYPE,
    build: () => sharedStringsWorkbook(2_000_000, false),
  },
  {
    family: 'shared strings',
    label: '1,000,000 distinct',
    kind: 'households',
    type: XLSX_TYPE,
    build: () => sharedStringsWorkbook(1_000_000, true),
  },
  {
    family: 'csv rows',
    label: '1,000,000 short rows',
    kind: 'households',
    type: 'text/csv',
    build: async () => badRowsCsv(1_000_000, true),
  },
  {
    family: 'csv rows',
    label: '40,000 rows, 5 problems each',
    kind: 'households',
    type: 'text/csv',
    build: async () => badRowsCsv(40_000),
  },
];

const TIMEOUT_MS = Number(process.env.ANJU_BENCH_BOMB_TIMEOUT_S ?? 300) * 1000;
const HEAP_MB = Number(process.env.ANJU_BENCH_BOMB_HEAP_MB ?? 4096);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface ChildResult {
  answer: string;
  issues?: number;
  ms: number;
  rssBefore: number;
  peakRss: number;
  maxRss: number;
}

function runChild(kind: string, path: string, type: string): Promise<ChildResult | string> {
  return new Promise((resolve) => {
    const child = fork(new URL('./import-bomb-child.ts', import.meta.url).pathname, [kind, path, type], {
      execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
      else if (signal === 'SIGKILL') resolve(`killed after ${TIMEOUT_MS / 1000} s`);
      else resolve(`died (exit ${code}${/heap out of memory/i.test(out) ? ', heap out of memory' : ''})`);
    });
  });
}

/**
 * Each bomb through the real HTTP import (not a dry run) in a fresh process: answer, time, peak
 * memory; `before` adds cases to measure alike, such as the largest honest file.
 */
export async function benchImportBombs(before: BombCase[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bombs-'));
  console.log(`import bombs: each in its own process (heap cap ${HEAP_MB} MB, ${TIMEOUT_MS / 1000} s), real import`);
  console.log(
    `  ${'family'.padEnd(15)}${'case'.padEnd(42)}${'file'.padStart(9)}   ${'answer'.padEnd(44)}${'time'.padStart(9)}${'peak RSS'.padStart(10)}${'maxRSS'.padStart(9)}${'idle RSS'.padStart(10)}`,
  );
  try {
    for (const c of [...before, ...cases]) {
      const file = await c.build();
      const path = join(dir, 'bomb');
      writeFileSync(path, file);
      const r = await runChild(c.kind, path, c.type);
      const head = `  ${c.family.padEnd(15)}${c.label.padEnd(42)}${`${(file.length / 1024).toFixed(0)} KB`.padStart(9)}   `;
      if (typeof r === 'string') console.log(`${head}${r}`);
      else {
        const answer = r.issues === undefined ? r.answer : `${r.answer}, ${r.issues} listed`;
        console.log(
          `${head}${answer.padEnd(44)}${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)}${mb(r.peakRss).padStart(10)}${mb(r.maxRss).padStart(9)}${mb(r.rssBefore).padStart(10)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
