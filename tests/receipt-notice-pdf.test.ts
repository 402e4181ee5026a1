import { describe, expect, it } from 'vitest';
import { NOTICE_VERIFY_CAPTION, renderDrawNoticePdf } from '../src/agreements/render-notice.js';
import { type KeyReceiptView, renderKeyReceiptPdf } from '../src/agreements/render-receipt.js';
import { commitmentOf, DRAW_ALGORITHM, listHashOf, runDraw, sortByCodePoint } from '../src/allocation/draw.js';
import type { DrawNotice } from '../src/allocation/draw-notice.js';
import { readPdf, squeezed } from './support/pdf-text.js';

const receipt: KeyReceiptView = {
  receiptNo: 'YS-2026-0042',
  agreementNumber: 'FJW-2026-0001',
  projectName: '范家湾城中村改造项目',
  officeName: '范家湾城中村改造项目征收安置办公室',
  householdCode: 'FJW-0137',
  headName: '王秀芳',
  flatLabel: '7#楼2单元1502室',
  keys: 3,
  accessCards: 2,
  handoverDate: '2026年12月1日',
};

describe('the key receipt', () => {
  it('is one A4 page with the household, the flat, the counts and both signatures', async () => {
    const pdf = await renderKeyReceiptPdf(receipt);
    const pages = await readPdf(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0]?.text ?? '';
    expect(pages[0]?.width).toBeCloseTo(595.28, 0);
    for (const fact of [
      '安置房钥匙领取签收单',
      '签收单号 YS-2026-0042',
      '协议编号 FJW-2026-0001',
      '户号 FJW-0137',
      '户主（领取人） 王秀芳',
      '安置房 7#楼2单元1502室',
      '钥匙 3 把',
      '门禁卡 2 张',
      '领取日期 2026年12月1日',
    ]) {
      expect(text).toContain(fact);
    }
    for (const fact of ['领取人（签字）：', '发放人（签字）：', '按手印：', '第 1 页 共 1 页'])
      expect(text).toContain(fact);
    expect(pdf.length).toBeLessThan(150_000);
    expect((await renderKeyReceiptPdf(receipt)).equals(pdf)).toBe(true);
  });
});

/** The page's text without its header and footer lines, so that text running over a page break reads on. */
function withoutRunningHeads(text: string): string {
  return text
    .split('\n')
    .filter(
      (line) =>
        !line.startsWith('范家湾城中村改造项目 摇号公示') &&
        !/^第 \d+ 页 共 \d+ 页$/.test(line.replace(NOTICE_VERIFY_CAPTION, '').trim()),
    )
    .join('\n');
}

const VERIFY_URL = 'https://anju.example.cn/public/rounds/round-1/verify';

function drawnNotice(count: number): DrawNotice {
  const households = sortByCodePoint(
    Array.from({ length: count }, (_, i) => `FJW-${String(count - i).padStart(4, '0')}`),
  );
  const secret = '5e'.repeat(32);
  const publicValue = '0731-5592-1180';
  const outcome = runDraw({ codes: households, secret, publicValue });
  return {
    algorithm: DRAW_ALGORITHM,
    project: { code: 'FJW', name: '范家湾城中村改造项目' },
    issuer: '范家湾城中村改造项目征收安置办公室',
    round: { id: 'round-1', name: '第一轮' },
    households,
    listHash: listHashOf(households),
    commitment: commitmentOf(secret),
    committedAt: '2026-11-20T02:00:00.000Z',
    publicValue,
    secret,
    seed: outcome.seed,
    order: outcome.order,
    orderedAt: '2026-11-27T01:30:05.000Z',
  };
}

describe('the draw notice', () => {
  it('publishes every input of the draw, with times in Beijing time, and the order', async () => {
    const notice = drawnNotice(40);
    const pages = await readPdf(await renderDrawNoticePdf(notice, VERIFY_URL));
    const all = pages.map((p) => p.text).join('\n');
    const flat = squeezed(all);
    const body = squeezed(pages.map((p) => withoutRunningHeads(p.text)).join('\n'));
    expect(all).toContain('范家湾城中村改造项目 · 第一轮 摇号公示');
    expect(all).toContain(`算法 ${DRAW_ALGORITHM}`);
    expect(all).toContain('参与户数 40');
    for (const value of [notice.listHash, notice.commitment, notice.secret, notice.seed, notice.publicValue])
      expect(flat).toContain(value);
    expect(all).toContain('承诺公布时间 2026-11-20 10:00:00');
    expect(all).toContain('摇号时间 2026-11-27 09:30:05');
    expect(body).toContain(squeezed(notice.households.join('、')));
    expect(body).toContain(squeezed((notice.order ?? []).map((code, i) => `${i + 1} ${code}`).join(' ')));
    for (const [i, page] of pages.entries()) expect(page.text).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
  });

  it('before the draw, says what will be published and leaves no blank where a value goes', async () => {
    const notice: DrawNotice = {
      ...drawnNotice(8),
      committedAt: null,
      publicValue: null,
      secret: null,
      seed: null,
      order: null,
      orderedAt: null,
    };
    const pdf = await renderDrawNoticePdf(notice, VERIFY_URL);
    const all = (await readPdf(pdf)).map((p) => p.text).join('\n');
    expect(squeezed(all)).toContain(notice.commitment);
    expect(all).toContain('密钥 secret （摇号后公布）');
    expect(all).toContain('摇号尚未进行');
    // No date of its own: a fixed one in the metadata, so the bytes still do not vary.
    expect(pdf.toString('latin1')).toContain('(D:19700101000000Z)');
    expect((await renderDrawNoticePdf(notice, VERIFY_URL)).equals(pdf)).toBe(true);
  });

  it('names its issuer, leaves room for the seal and sends residents to the verifier by QR, not to a command', async () => {
    const notice = drawnNotice(40);
    const pages = await readPdf(await renderDrawNoticePdf(notice, VERIFY_URL));
    const all = pages.map((p) => p.text).join('\n');
    expect(all).toContain('发布单位：范家湾城中村改造项目征收安置办公室');
    expect(pages.at(-1)?.text).toContain('（盖章处）');
    expect(all).toContain('扫码核验摇号结果');
    expect(all).toContain('一致');
    expect(all).not.toContain('npm run');
    expect(all).not.toContain('draw:verify');
    // The QR is drawn as vector modules in the footer of every page.
    for (const page of pages) expect(page.text).toContain('扫码核验摇号结果');
  });

  it('runs to as many pages as the order needs, numbering each', async () => {
    const pages = await readPdf(await renderDrawNoticePdf(drawnNotice(300), VERIFY_URL));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const [i, page] of pages.entries()) expect(page.text).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
    expect(pages.at(-1)?.text).toContain('顺序号 户号');
  });
});
