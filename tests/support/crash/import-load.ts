import type { ImportReport } from '../../../src/imports/import-report.js';
import type { Answer } from '../http-client.js';
import { buildXlsx, csvText, idNumber, type SheetCell, utf8WithBom, XLSX_TYPE } from '../sheets.js';
import { type CrashingServer, OutcomeUnknown } from './crashing-server.js';
import type { ImportEntry, Ledger } from './ledger.js';
import { type Prng, sleep } from './prng.js';

const HEADER = ['户号', '姓名', '与户主关系', '身份证号', '联系电话', '被征收房屋面积', '应安置面积', '协议签订时间'];
const RELATIONS = ['妻', '子', '女'];

interface Roster {
  file: Buffer;
  contentType: string;
  households: number;
  members: number;
}

/**
 * A roster of households whose codes all start with `prefix`, with ID numbers no other file uses;
 * as .xlsx or as a UTF-8 CSV with BOM (Excel's "CSV UTF-8"), the two formats offices send.
 */
async function roster(prefix: string, fileNumber: number, prng: Prng): Promise<Roster> {
  const households = prng.between(5, 30);
  const rows: string[][] = [HEADER];
  let members = 0;
  // The region part carries the file number, the sequence the row: unique across the whole run.
  const region = `9${String(fileNumber).padStart(5, '0')}`;
  for (let h = 0; h < households; h++) {
    const code = `${prefix}${String(h + 1).padStart(3, '0')}`;
    const size = prng.between(1, 3);
    for (let m = 0; m < size; m++) {
      const id = idNumber(region, m === 0 ? '19600101' : '19900101', String(h * 3 + m).padStart(3, '0'));
      rows.push(
        m === 0
          ? [code, `试户主${h}`, '户主', id, '13909310000', '88.50', '90', '2021-03-15 09:30:12']
          : [code, `试成员${h}${m}`, RELATIONS[m - 1] ?? '子', id],
      );
    }
    members += size;
  }
  if (prng.chance(0.5)) return { file: utf8WithBom(csvText(rows)), contentType: 'text/csv', households, members };
  const cells: SheetCell[][] = rows;
  return { file: await buildXlsx(cells), contentType: XLSX_TYPE, households, members };
}

/**
 * A project office uploading rosters during the day: a dry run, then the real import, into the
 * demo project or a second one. A real import killed before its answer is sent again: either it is
 * written then, or the server refuses it because every code already exists.
 */
export class ImportLoad {
  private stopped = false;
  private files = 0;

  constructor(
    private readonly server: CrashingServer,
    private readonly ledger: Ledger,
    private readonly prng: Prng,
    private readonly cookie: string,
    private readonly projects: { day: string; other: string },
  ) {}

  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      this.files += 1;
      const projectId = this.files % 4 === 0 ? this.projects.day : this.projects.other;
      const prefix = `D${String(this.files).padStart(4, '0')}-`;
      const sheet = await roster(prefix, this.files, this.prng);
      await this.dryRun(projectId, sheet);
      const entry: ImportEntry = {
        projectId,
        prefix,
        households: sheet.households,
        members: sheet.members,
        answered: false,
      };
      this.ledger.imports.push(entry);
      await this.importForReal(entry, sheet);
      await sleep(this.prng.between(20, 200));
    }
  }

  /** Only a real import counts as one in flight: a dry run writes nothing a kill could tear. */
  private post(projectId: string, sheet: Roster, dryRun: boolean): Promise<Answer> {
    return this.server.send(dryRun ? 'other' : 'import', {
      method: 'POST',
      url: `/api/projects/${projectId}/imports/households?dryRun=${dryRun}`,
      headers: { cookie: this.cookie, 'content-type': sheet.contentType },
      payload: sheet.file,
    });
  }

  private async dryRun(projectId: string, sheet: Roster): Promise<void> {
    try {
      const answer = await this.post(projectId, sheet, true);
      const report = answer.json<ImportReport>();
      if (answer.statusCode !== 200 || !report.ok || report.written || report.households !== sheet.households)
        throw new Error(`dry run: ${answer.statusCode} ${answer.body}`);
    } catch (err) {
      if (!(err instanceof OutcomeUnknown)) throw err;
      await this.server.whenBack();
    }
  }

  private async importForReal(entry: ImportEntry, sheet: Roster): Promise<void> {
    for (let lost = false; ; lost = true) {
      let answer: Answer;
      try {
        answer = await this.post(entry.projectId, sheet, false);
      } catch (err) {
        if (!(err instanceof OutcomeUnknown)) throw err;
        await this.server.whenBack();
        continue;
      }
      if (answer.statusCode === 200) {
        const report = answer.json<ImportReport>();
        if (!report.written || report.households !== entry.households || report.members !== entry.members)
          throw new Error(`import ${entry.prefix}: ${answer.body}`);
        if (lost) entry.afterKill = 'written-on-retry';
      } else if (lost && answer.statusCode === 422 && this.refusedAsAlreadyThere(answer)) {
        entry.afterKill = 'committed-before-kill';
      } else {
        throw new Error(`import ${entry.prefix}: ${answer.statusCode} ${answer.body}`);
      }
      if (lost) this.ledger.retriedAfterCrash += 1;
      entry.answered = true;
      return;
    }
  }

  /**
   * The earlier, unanswered try was written: every problem now is a code or ID number already in
   * the project. Whether it was written whole is for the database check to judge.
   */
  private refusedAsAlreadyThere(answer: Answer): boolean {
    const body = answer.json<{ code: string; details?: { report?: ImportReport } }>();
    const issues = body.details?.report?.issues ?? [];
    return (
      body.code === 'IMPORT_INVALID' &&
      issues.length > 0 &&
      issues.every((i) => /已(存在于|登记在)本项目中/.test(i.message))
    );
  }
}
