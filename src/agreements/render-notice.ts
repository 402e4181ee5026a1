/**
 * 摇号公示 as PDF, for the notice board and the notary's file: the same facts as the HTML notice
 * (allocation/notice-page.ts), enough to recompute the order by hand from the paper alone.
 * Pure: from the notice to bytes; the same notice gives the same bytes.
 */
import type { DrawNotice } from '../allocation/draw-notice.js';
import { checkpointLine } from '../audit/checkpoint.js';
import {
  createPdfDocument,
  FONT_BOLD,
  FONT_REGULAR,
  finishPdf,
  keepTogether,
  LINE_GAP,
  type PdfDoc,
  stampEveryPage,
  TYPE,
} from '../pdf/pdf-document.js';
import { drawTable, type TableRow } from '../pdf/pdf-table.js';
import { formatShanghai } from '../shared/time.js';

const NOT_YET = '（摇号后公布）';
const ORDER_COLUMNS = 3;
export const NOTICE_VERIFY_CAPTION = '扫码核验摇号结果';
/** Where the office stamps the paper notice: wide and tall enough for a round seal of 42 mm. */
const SEAL_BOX = { width: 190, height: 130 };

/** The paper notice; `verifyUrl` (drawVerifierUrl) is what its QR opens. */
export async function renderDrawNoticePdf(notice: DrawNotice, verifyUrl: string): Promise<Buffer> {
  const title = `${notice.project.name} · ${notice.round.name} 摇号公示`;
  const dated = notice.orderedAt ?? notice.committedAt;
  const doc = createPdfDocument({
    title,
    subject: `${notice.algorithm} ${notice.listHash}`,
    createdAt: dated === null ? null : new Date(dated),
  });

  doc.font(FONT_BOLD, TYPE.title).text(title, { align: 'center', lineGap: LINE_GAP });
  doc.moveDown(0.5);
  if (notice.issuer) paragraph(doc, `发布单位：${notice.issuer}`);
  paragraph(
    doc,
    `算法 ${notice.algorithm}：任何人均可用下列公开数据复算选房顺序。用手机扫描页脚二维码，核验页面会在手机浏览器中按本公示的数据重新计算，并显示“一致”或“不一致”。时间均为北京时间。`,
  );
  const time = (iso: string | null): string => (iso === null ? NOT_YET : formatShanghai(iso));
  const rows: TableRow[] = [
    { cells: ['参与户数', String(notice.households.length)] },
    { cells: ['名单哈希 listHash', notice.listHash] },
    { cells: ['承诺值 commitment', notice.commitment] },
    { cells: ['承诺公布时间', time(notice.committedAt)] },
    { cells: ['公开随机值 publicValue', notice.publicValue ?? NOT_YET] },
    { cells: ['密钥 secret', notice.secret ?? NOT_YET] },
    { cells: ['种子 seed', notice.seed ?? NOT_YET] },
    { cells: ['摇号时间', time(notice.orderedAt)] },
  ];
  drawTable(
    doc,
    [
      { header: '项目', weight: 3.6 },
      { header: '公开数据', weight: 6.4 },
    ],
    rows,
  );

  heading(doc, '参与户名单（按码位排序）');
  paragraph(doc, notice.households.join('、'));

  if (notice.order === null) {
    heading(doc, '选房顺序');
    paragraph(doc, '摇号尚未进行。摇号后公布密钥、公开随机值和选房顺序。');
  } else {
    heading(doc, '选房顺序');
    drawOrder(doc, notice.order);
  }

  const anchor = notice.auditCheckpoint;
  if (anchor) {
    heading(doc, '审计锚点');
    paragraph(doc, checkpointLine(anchor));
    paragraph(doc, `本公示生成时审计日志的状态，供审计核验此后审计记录未被改写。完整哈希：${anchor.hash}`);
  }
  drawSealBlock(doc, notice);

  stampEveryPage(doc, {
    headerLeft: `${notice.project.name}　摇号公示`,
    headerRight: notice.round.name,
    qr: { url: verifyUrl, caption: NOTICE_VERIFY_CAPTION },
    watermark: null,
  });
  return finishPdf(doc);
}

/** The issuer's name and date beside an empty box for the office's seal, at the end, as a notice is signed. */
function drawSealBlock(doc: PdfDoc, notice: DrawNotice): void {
  doc.moveDown(1);
  keepTogether(doc, SEAL_BOX.height + 20);
  const { margins, width } = doc.page;
  const x = width - margins.right - SEAL_BOX.width;
  const top = doc.y;
  doc.rect(x, top, SEAL_BOX.width, SEAL_BOX.height).dash(4, { space: 3 }).lineWidth(0.8).stroke().undash();
  doc.font(FONT_REGULAR, TYPE.small).text('（盖章处）', x, top + 8, { width: SEAL_BOX.width, align: 'center' });
  const dated = notice.orderedAt ?? notice.committedAt;
  doc.font(FONT_REGULAR, TYPE.body);
  doc.text(`发布单位：${notice.issuer ?? notice.project.name}`, x, top + SEAL_BOX.height - 52, {
    width: SEAL_BOX.width,
    align: 'center',
  });
  doc.text(dated === null ? '日期：' : `日期：${formatShanghai(dated).slice(0, 10)}`, x, doc.y + 2, {
    width: SEAL_BOX.width,
    align: 'center',
  });
  doc.x = margins.left;
  doc.y = top + SEAL_BOX.height + 6;
}

function heading(doc: PdfDoc, text: string): void {
  doc.moveDown(0.6);
  doc.font(FONT_BOLD, TYPE.heading).text(text, { lineGap: LINE_GAP });
  doc.moveDown(0.2);
}

function paragraph(doc: PdfDoc, text: string): void {
  doc.font(FONT_REGULAR, TYPE.body).text(text, { lineGap: LINE_GAP, paragraphGap: 4 });
}

/** Position and 户号 side by side, read across then down, as a notice board is read. */
function drawOrder(doc: PdfDoc, order: readonly string[]): void {
  const rows: TableRow[] = [];
  for (let i = 0; i < order.length; i += ORDER_COLUMNS) {
    const cells: string[] = [];
    for (let j = i; j < i + ORDER_COLUMNS; j++) {
      const code = order[j];
      cells.push(code === undefined ? '' : String(j + 1), code ?? '');
    }
    rows.push({ cells });
  }
  const pair = [
    { header: '顺序号', weight: 1.3, align: 'center' as const },
    { header: '户号', weight: 2.2 },
  ];
  drawTable(doc, Array.from({ length: ORDER_COLUMNS }, () => pair).flat(), rows);
}
