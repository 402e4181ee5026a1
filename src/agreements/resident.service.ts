import { timingSafeEqual } from 'node:crypto';
import { labelOf } from '../allocation/claim.js';
import { householdFlats } from '../allocation/selections.repo.js';
import { recordAudit } from '../audit/audit.service.js';
import type { AgreementRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { findHousehold, membersOf } from '../households/households.repo.js';
import { requireProject } from '../projects/projects.service.js';
import { maskName } from '../shared/masking.js';
import type { Actor } from '../shared/roles.js';
import { formatShanghai } from '../shared/time.js';
import { VERIFY_CODE_LENGTH } from './agreement-view.service.js';
import * as repo from './agreements.repo.js';
import { agreementPdf, sha256Hex } from './agreements.service.js';

const residentActor = (ip: string): Actor => ({ id: null, name: `resident@${ip}`, roles: [] });

async function headIdNumber(deps: AppDeps, householdId: string): Promise<string> {
  return (await membersOf(deps.db, [householdId])).find((m) => m.isHead)?.idNumber ?? '';
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The agreement if number and the head's last six ID characters both match, else null: one answer
 * for both mistakes. A voided one is returned too: the resident who proved it is theirs is told when.
 */
export async function matchResident(deps: AppDeps, number: string, idSuffix: string): Promise<AgreementRow | null> {
  const agreement = await repo.findAgreementByNumber(deps.db, number.trim().toUpperCase());
  const expected = agreement ? (await headIdNumber(deps, agreement.householdId)).slice(-6) : '000000';
  const matches = sameText(expected, idSuffix.trim().toUpperCase());
  return agreement && matches ? agreement : null;
}

export const voidedNotice = (agreement: AgreementRow): string =>
  `协议 ${agreement.number} 已于 ${agreement.voidedAt ? formatShanghai(agreement.voidedAt) : ''}（北京时间）作废，不再有效；如已换发新协议请以新编号为准，或到项目办公室查询`;

/**
 * Always the agreement PDF Anju generated: the signed copy is a staff record (a phone photo or a
 * scan with handwriting), not the document a resident asked for. Every download is audited.
 */
export async function residentDownload(deps: AppDeps, agreement: AgreementRow, ip: string) {
  const actor = residentActor(ip);
  const { bytes } = await agreementPdf(deps, actor, agreement);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps.clock, actor, [
      {
        action: 'agreement.resident_download',
        entityType: 'household',
        entityId: agreement.householdId,
        projectId: agreement.projectId,
        // Kept for the rows written before: the signed copy is never what a resident downloads now.
        after: { number: agreement.number, signedCopy: false, ip },
      },
    ]),
  );
  return { bytes, contentType: 'application/pdf', filename: `${agreement.number}.pdf` };
}

export interface VerifyInfo {
  found: boolean;
  number: string;
  projectName?: string;
  status?: string;
  /** When it was voided, Asia/Shanghai, for a voided agreement */
  voidedAt?: string | null;
  headName?: string;
  members?: string[];
  flat?: string;
  date?: string;
  /** Whether the code printed on the paper matches what was registered; null when none was given */
  contentMatches?: boolean | null;
  pdfSha256?: string | null;
  signedCopy?: boolean;
  fileMatches?: boolean | null;
}

/**
 * What anyone holding the paper (or its PDF) may learn: masked names, the flat, the date, whether
 * it matches. Numbers run in sequence, so a bare number (no matching QR code or file) learns only
 * that the agreement exists and its status: walking the numbers must not list who lives where.
 */
export async function verifyAgreement(
  deps: AppDeps,
  number: string,
  code: string | undefined,
  file?: Buffer,
): Promise<VerifyInfo> {
  const agreement = await repo.findAgreementByNumber(deps.db, number.trim().toUpperCase());
  if (!agreement) return { found: false, number };
  const [household, members, project, flats] = await Promise.all([
    findHousehold(deps.db, agreement.householdId),
    membersOf(deps.db, [agreement.householdId]),
    requireProject(deps.db, agreement.projectId),
    householdFlats(deps.db, agreement.roundId, agreement.householdId),
  ]);
  const fileHash = file ? sha256Hex(file) : null;
  const contentMatches = code
    ? (agreement.contentHash?.startsWith(code.toLowerCase()) ?? false) && code.length >= VERIFY_CODE_LENGTH
    : null;
  const fileMatches = fileHash ? fileHash === agreement.pdfSha256 || fileHash === agreement.signedCopySha256 : null;
  const holdsThePaper = contentMatches === true || fileMatches === true;
  return {
    found: true,
    number: agreement.number,
    projectName: project.name,
    status: agreement.status,
    voidedAt: agreement.voidedAt ? formatShanghai(agreement.voidedAt) : null,
    date: formatShanghai(agreement.signedAt).slice(0, 10),
    contentMatches,
    pdfSha256: agreement.pdfSha256,
    signedCopy: agreement.signedCopySha256 !== null,
    fileMatches,
    ...(holdsThePaper
      ? {
          headName: maskName(members.find((m) => m.isHead)?.name ?? ''),
          members: members.filter((m) => !m.isHead).map((m) => `${maskName(m.name)}（${m.relation}）`),
          // A voided paper's flat may be someone else's now: the household's flats today are not what it printed.
          flat: agreement.status === 'voided' ? '（协议已作废）' : household ? flats.map(labelOf).join('、') : '',
        }
      : {}),
  };
}
