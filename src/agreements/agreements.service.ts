import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { AgreementRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { requireProject } from '../projects/projects.service.js';
import type { Actor } from '../shared/roles.js';
import { type AgreementFor, issueAgreementRecord } from './agreement-numbers.js';
import { contentHashOf, gatherAgreementView } from './agreement-view.service.js';
import * as repo from './agreements.repo.js';
import { pdfPageCount, sniffSignedCopy } from './file-sniff.js';

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function requireAgreement(deps: AppDeps, id: string): Promise<AgreementRow> {
  const agreement = await repo.findAgreement(deps.db, id);
  if (!agreement) throw notFound('协议', 'agreementId');
  return agreement;
}

/** The round's numbered agreements in number order; voided ones only when asked for. */
export function roundAgreements(deps: AppDeps, roundId: string, includeVoided: boolean): Promise<AgreementRow[]> {
  return repo.agreementsOfRound(deps.db, roundId, includeVoided);
}

async function storedBytes(deps: AppDeps, documentId: string): Promise<Buffer> {
  const document = await repo.findDocument(deps.db, documentId);
  if (!document) throw notFound('协议文件', 'documentId');
  return Buffer.from(document.bytes);
}

/**
 * Renders the agreement and stores the PDF with its audit row in the caller's transaction.
 * False when another rendering was stored first: the claim comes before the bytes, so the loser
 * leaves no document that no agreement points at.
 */
async function storeRendering(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  agreement: AgreementRow,
): Promise<{ bytes: Buffer; sha256: string } | null> {
  const view = await gatherAgreementView(trx, agreement, deps.config.ANJU_PUBLIC_URL, deps.printer.templateVersion);
  const bytes = await deps.printer.render(view);
  const sha256 = sha256Hex(bytes);
  const documentId = randomUUID();
  const won = await repo.attachPdf(trx, agreement.id, {
    documentId,
    sha256,
    contentHash: contentHashOf(view),
    templateVersion: view.templateVersion,
  });
  if (!won) return null;
  await repo.insertDocument(trx, {
    id: documentId,
    kind: 'agreement',
    contentType: 'application/pdf',
    sha256,
    size: bytes.length,
    bytes,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor.name,
  });
  await recordAudit(trx, deps.clock, actor, [
    {
      action: 'agreement.generate',
      entityType: 'household',
      entityId: agreement.householdId,
      projectId: agreement.projectId,
      after: {
        agreementId: agreement.id,
        number: agreement.number,
        sha256,
        templateVersion: view.templateVersion,
        size: bytes.length,
      },
    },
  ]);
  return { bytes, sha256 };
}

/**
 * A new agreement number and its PDF in one transaction: a number never exists without the
 * paper it names, whatever happens to the process in between.
 */
export async function issueAgreement(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  target: AgreementFor,
): Promise<{ id: string; number: string }> {
  const issued = await issueAgreementRecord(trx, actor, deps.clock.now().toISOString(), target);
  const agreement = await repo.findAgreement(trx, issued.id);
  if (!agreement) throw notFound('协议', 'agreementId');
  await storeRendering(trx, deps, actor, agreement);
  return issued;
}

/**
 * The agreement's PDF: the stored bytes, always the same. An agreement numbered without its PDF
 * (a database from before numbers and PDFs were issued together) gets it rendered here, once.
 */
export async function agreementPdf(
  deps: AppDeps,
  actor: Actor,
  agreement: AgreementRow,
): Promise<{ bytes: Buffer; sha256: string }> {
  if (agreement.pdfDocumentId && agreement.pdfSha256)
    return { bytes: await storedBytes(deps, agreement.pdfDocumentId), sha256: agreement.pdfSha256 };
  if (agreement.status === 'voided')
    throw new AppError('CONFLICT', `协议 ${agreement.number} 已作废`, { field: 'agreementId' });
  const stored = await deps.db.transaction().execute((trx) => storeRendering(trx, deps, actor, agreement));
  if (stored) return stored;
  // Another request stored its rendering first: serve that one, so every copy is identical.
  return agreementPdf(deps, actor, await requireAgreement(deps, agreement.id));
}

/** A new number for a household's agreement: the old one is voided (kept), the new one issued with its PDF. */
export async function regenerateAgreement(deps: AppDeps, actor: Actor, agreementId: string, reason: string) {
  const created = await deps.db.transaction().execute(async (trx) => {
    const old = await repo.findAgreement(trx, agreementId);
    if (!old) throw notFound('协议', 'agreementId');
    if (old.status === 'voided')
      throw new AppError('CONFLICT', `协议 ${old.number} 已作废，不能再次重新生成`, { field: 'agreementId' });
    const now = deps.clock.now().toISOString();
    await repo.voidAgreement(trx, old.roundId, old.householdId, now, reason);
    const project = await requireProject(trx, old.projectId);
    const fresh = await issueAgreement(trx, deps, actor, {
      projectId: old.projectId,
      projectCode: project.code,
      roundId: old.roundId,
      householdId: old.householdId,
      replacesId: old.id,
    });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'agreement.regenerate',
        entityType: 'household',
        entityId: old.householdId,
        projectId: old.projectId,
        before: { number: old.number, status: old.status },
        after: { number: fresh.number, voided: old.number, reason },
      },
    ]);
    return fresh;
  });
  return requireAgreement(deps, created.id);
}

/**
 * A signed copy must be able to hold every page of the agreement: a scan with fewer pages, or one
 * photo of a paper of several pages, is a page left out (and nothing to settle a dispute with).
 */
async function requirePagesOfAgreement(
  deps: AppDeps,
  actor: Actor,
  agreementId: string,
  contentType: string,
  bytes: Buffer,
): Promise<void> {
  const agreement = await requireAgreement(deps, agreementId);
  if (agreement.status === 'voided')
    throw new AppError('CONFLICT', `协议 ${agreement.number} 已作废，不能上传签字件`, { field: 'agreementId' });
  const expected = pdfPageCount((await agreementPdf(deps, actor, agreement)).bytes);
  const received = contentType === 'application/pdf' ? pdfPageCount(bytes) : 1;
  if (received >= expected) return;
  const message =
    contentType === 'application/pdf'
      ? `协议 ${agreement.number} 共 ${expected} 页，上传的 PDF 只有 ${received} 页，请把签字后的每一页都扫描进同一个 PDF 后上传`
      : `协议 ${agreement.number} 共 ${expected} 页，一张照片只能是其中一页，请把签字后的每一页扫描成一个 PDF 后上传`;
  throw new AppError('SIGNED_COPY_PAGES', message, { field: 'file' });
}

/** The signing desk's scan or photo of the signed paper: checked by content, stored with its hash. */
export async function uploadSignedCopy(deps: AppDeps, actor: Actor, agreementId: string, bytes: Buffer) {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', '上传的文件是空的', { field: 'file' });
  if (bytes.length > deps.config.ANJU_SIGNED_COPY_MAX_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${Math.round(deps.config.ANJU_SIGNED_COPY_MAX_BYTES / 1024 / 1024)} MB，请压缩后上传`,
      { field: 'file' },
    );
  }
  const sniffed = sniffSignedCopy(bytes);
  if (!sniffed.ok)
    throw new AppError(sniffed.reason === 'type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', sniffed.message, {
      field: 'file',
    });
  await requirePagesOfAgreement(deps, actor, agreementId, sniffed.contentType, bytes);
  const sha256 = sha256Hex(bytes);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const agreement = await repo.findAgreement(trx, agreementId);
    if (!agreement) throw notFound('协议', 'agreementId');
    if (agreement.status === 'voided')
      throw new AppError('CONFLICT', `协议 ${agreement.number} 已作废，不能上传签字件`, { field: 'agreementId' });
    const documentId = randomUUID();
    await repo.insertDocument(trx, {
      id: documentId,
      kind: 'signed_copy',
      contentType: sniffed.contentType,
      sha256,
      size: bytes.length,
      bytes,
      createdAt: now,
      createdBy: actor.name,
    });
    await repo.attachSignedCopy(trx, agreementId, { documentId, sha256, at: now, by: actor.name });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'agreement.signed_copy',
        entityType: 'household',
        entityId: agreement.householdId,
        projectId: agreement.projectId,
        before: { status: agreement.status, signedCopySha256: agreement.signedCopySha256 },
        after: { number: agreement.number, sha256, contentType: sniffed.contentType, size: bytes.length },
      },
    ]);
  });
  return requireAgreement(deps, agreementId);
}

export function agreementSummary(a: AgreementRow) {
  return {
    id: a.id,
    number: a.number,
    householdId: a.householdId,
    roundId: a.roundId,
    status: a.status,
    issuedAt: a.signedAt,
    pdfSha256: a.pdfSha256,
    templateVersion: a.templateVersion,
    signedCopy: a.signedCopySha256 ? { sha256: a.signedCopySha256, at: a.signedCopyAt, by: a.signedCopyBy } : null,
    voidReason: a.voidReason,
    replacesId: a.replacesId,
  };
}

export async function signedCopyBytes(
  deps: AppDeps,
  agreement: AgreementRow,
): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!agreement.signedCopyDocumentId) return null;
  const document = await repo.findDocument(deps.db, agreement.signedCopyDocumentId);
  return document ? { bytes: Buffer.from(document.bytes), contentType: document.contentType } : null;
}
