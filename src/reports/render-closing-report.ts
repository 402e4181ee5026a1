/**
 * 日终报告 as PDF: what each round of a project did on one day, and the audit chain's checkpoint
 * in full, signed on paper by the supervisor. The paper leaves the building, so the checkpoint it
 * carries is out of reach of whoever can rewrite the database. Pure: from the view to bytes.
 */
import type { Checkpoint } from '../audit/checkpoint.js';
import {
  createPdfDocument,
  FONT_BOLD,
  FONT_REGULAR,
  finishPdf,
  keepTogether,
  LINE_GAP,
  type PdfDoc,
  signatureColumns,
  stampEveryPage,
  TYPE,
} from '../pdf/pdf-document.js';
import { drawTable, type TableRow } from '../pdf/pdf-table.js';
import { formatShanghai } from '../shared/time.js';

/** One day's figures for one round as the report prints them; closing-report.repo.ts counts each where it is recorded. */
export interface RoundDayCounts {
  roundId: string;
  roundName: string;
  status: string;
  arrivals: number;
  stagesDone: number;
  selections: number;
  undos: number;
  agreementsIssued: number;
  agreementsVoided: number;
  forfeits: number;
}

export interface ClosingReportView {
  projectName: string;
  /** YYYY-MM-DD, a day in Asia/Shanghai */
  date: string;
  generatedAt: string;
  generatedBy: string;
  rounds: RoundDayCounts[];
  checkpoint: Checkpoint;
}

export const CLOSING_REPORT_TITLE = '日终报告';

const FIGURES: { header: string; of: (r: RoundDayCounts) => number }[] = [
  { header: '到场', of: (r) => r.arrivals },
  { header: '完成环节', of: (r) => r.stagesDone },
  { header: '选房', of: (r) => r.selections },
  { header: '撤销选房', of: (r) => r.undos },
  { header: '签发协议', of: (r) => r.agreementsIssued },
  { header: '作废协议', of: (r) => r.agreementsVoided },
  { header: '放弃', of: (r) => r.forfeits },
];

export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function renderClosingReportPdf(view: ClosingReportView): Promise<Buffer> {
  const title = `${view.projectName} ${CLOSING_REPORT_TITLE}`;
  const doc = createPdfDocument({
    title: `${title} ${view.date}`,
    subject: `audit checkpoint ${view.checkpoint.seq}:${view.checkpoint.hash}`,
    createdAt: new Date(view.generatedAt),
  });

  doc.font(FONT_BOLD, TYPE.title).text(title, { align: 'center', lineGap: LINE_GAP });
  doc
    .font(FONT_REGULAR, TYPE.body)
    .text(`报告日期：${chineseDate(view.date)}（北京时间 0:00 至 24:00）`, { align: 'center', lineGap: LINE_GAP });
  doc.moveDown(0.6);

  heading(doc, '一、各选房轮次当日办理情况');
  const rows: TableRow[] = view.rounds.map((r) => ({ cells: [r.roundName, ...FIGURES.map((f) => String(f.of(r)))] }));
  rows.push({
    cells: ['合计', ...FIGURES.map((f) => String(view.rounds.reduce((sum, r) => sum + f.of(r), 0)))],
    bold: true,
  });
  // Four-character headings get the room to stay on one line.
  drawTable(
    doc,
    [
      { header: '选房轮次', weight: 2.4 },
      ...FIGURES.map((f) => ({ header: f.header, weight: f.header.length > 2 ? 1.6 : 1, align: 'center' as const })),
    ],
    rows,
  );
  paragraph(
    doc,
    '到场按首次签到计；完成环节为各办理环节当日完成的记录数；签发协议含重新生成的协议；放弃含视为放弃与选择货币补偿。',
    TYPE.small,
  );

  // The checkpoint and the signature under it stay on one page: the signature vouches for it.
  keepTogether(doc, ANCHOR_BLOCK_HEIGHT);
  heading(doc, '二、审计锚点');
  const cp = view.checkpoint;
  drawTable(
    doc,
    [
      { header: '项目', weight: 1.3 },
      { header: '内容', weight: 8.7 },
    ],
    [
      { cells: ['记录序号', `第 ${cp.seq} 条`] },
      { cells: ['链头哈希', cp.hash] },
      { cells: ['锚点时间', `${formatShanghai(cp.at)}（北京时间）`] },
      { cells: ['HMAC', cp.hmac ?? '未配置密钥（ANJU_AUDIT_HMAC_KEY），本锚点无 HMAC'] },
    ],
    // Small enough for a 64-character hash to stay on one line.
    TYPE.small,
  );
  paragraph(
    doc,
    `本页签字后存放于数据库之外。日后用下列命令核验：第 ${cp.seq} 条及之前的任何审计记录被改写，核验即失败。`,
    TYPE.table,
  );
  paragraph(doc, `npm run audit:verify -- --checkpoint ${cp.seq}:${cp.hash}`, TYPE.small);

  drawSignatures(doc, view);
  stampEveryPage(doc, {
    headerLeft: `${view.projectName}　${CLOSING_REPORT_TITLE}`,
    headerRight: view.date,
    qr: null,
    watermark: null,
  });
  return finishPdf(doc);
}

function heading(doc: PdfDoc, text: string): void {
  doc.moveDown(0.4);
  doc.font(FONT_BOLD, TYPE.heading).text(text, { lineGap: LINE_GAP });
  doc.moveDown(0.2);
}

function paragraph(doc: PdfDoc, text: string, size: number = TYPE.body): void {
  doc.moveDown(0.3);
  doc.font(FONT_REGULAR, size).text(text, { lineGap: LINE_GAP, paragraphGap: 4 });
}

const SIGNATURE_BLOCK_HEIGHT = 80;
/** Heading, checkpoint table, the two paragraphs and the signatures, as laid out. */
const ANCHOR_BLOCK_HEIGHT = 400;

function drawSignatures(doc: PdfDoc, view: ClosingReportView): void {
  doc.moveDown(0.6);
  keepTogether(doc, SIGNATURE_BLOCK_HEIGHT);
  const { top, left, second, line } = signatureColumns(doc);
  line(left, top, '制表人：', true);
  line(left, top + 26, view.generatedBy);
  line(left, top + 52, `生成时间：${formatShanghai(view.generatedAt)}`);
  line(second, top, '监督人（签字）：', true);
  line(second, top + 26, '＿＿＿＿＿＿＿＿＿＿');
  line(second, top + 52, '日期：＿＿＿＿年＿＿月＿＿日');
  doc.x = left;
  doc.y = top + SIGNATURE_BLOCK_HEIGHT;
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    roundDayCounts: RoundDayCounts;
  }
}
