// @ts-check
/** 选房轮次: create a round, fix its order (commitment → draw, or 先签先选), print; the door (签到处) has its own page. */
import { confirmThen } from './confirm.js';
import { api, beijing, busy, byId, failed, html, pickContext, say, setHtml } from './context.js';
import { priorityText, wireRoundForm } from './supervisor-round-form.js';

/**
 * @typedef {{ id: string, name: string, orderMethod: string, status: string, statusText: string, households: number, units: number, listHash: string | null, commitment: string | null, secret: string | null, publicValue: string | null, committedAt: string | null, orderedAt: string | null, rules: { batchSize: number, maxExcessCenti: number, unchosenOnClose?: string, priority?: { floorsAtMost: number, flags: string[] } | null } }} Round
 * @typedef {{ id: string, status: string, done: number, total: number, error: string | null }} PrintJob
 */

/** @type {Round | null} the round on screen, for the confirmation texts */
let shown = null;
const methods = { lottery: '摇号', signing_time: '按签约时间（先签先选）', imported: '导入顺序' };
let ids = { projectId: '', roundId: '' };
const roundUrl = (/** @type {string} */ path = '') => `/api/rounds/${encodeURIComponent(ids.roundId)}${path}`;
const button = (/** @type {string} */ id) => byId(id, HTMLButtonElement);
const hide = (/** @type {string} */ id, /** @type {boolean} */ hidden) => {
  byId(id).hidden = hidden;
};

/** Shows the round and only the steps that fit its state; the API still refuses anything out of turn. */
function render(/** @type {Round | null} */ round) {
  const lottery = round?.orderMethod === 'lottery';
  hide('commit', !(round && lottery && round.status === 'open'));
  hide('draw-form', !(round && lottery && round.status === 'committed'));
  hide('fix-order', !(round && round.orderMethod === 'signing_time' && round.status === 'open'));
  hide('import-order-form', !(round && round.orderMethod === 'imported' && round.status === 'open'));
  for (const id of ['door-link', 'print-start']) hide(id, round?.status !== 'ordered' && round?.status !== 'closed');
  hide('close-round', round?.status !== 'ordered');
  shown = round;
  if (!round) {
    setHtml(byId('round-facts'), html`<dt>选房轮次</dt><dd>尚未选择，请在下方新建</dd>`);
    setHtml(byId('notice-links'), html``);
    return;
  }
  const facts = [
    ['名称', round.name],
    ['状态', round.statusText],
    ['选房顺序', methods[/** @type {keyof typeof methods} */ (round.orderMethod)] ?? round.orderMethod],
    ['参与户 / 房源', `${round.households} 户 / ${round.units} 套`],
    ['每批户数', String(round.rules.batchSize)],
    ['最多超出面积', `${(round.rules.maxExcessCenti / 100).toFixed(2)} ㎡`],
    ['优先选房', priorityText(round.rules.priority)],
    ['名单哈希', round.listHash ?? '—'],
    ['承诺值', round.commitment ? `${round.commitment}（${beijing(round.committedAt)}）` : '—'],
    ['公开随机值', round.publicValue ?? '—'],
    ['密钥（摇号后公开）', round.secret ?? '—'],
    ['顺序确定时间', beijing(round.orderedAt) || '—'],
  ];
  // The picker's text carries the status too; keep it in step after commit/draw.
  const option = byId('round', HTMLSelectElement).selectedOptions[0];
  if (option) option.textContent = `${round.name}（${round.statusText}）`;
  setHtml(byId('round-facts'), html`${facts.map(([k, v]) => html`<dt>${k}</dt><dd class="wrap">${v}</dd>`)}`);
  const base = `/public/rounds/${encodeURIComponent(round.id)}`;
  setHtml(
    byId('notice-links'),
    round.commitment || round.orderedAt
      ? html`<a id="notice-link" href="${base}/notice" target="_blank" rel="noopener">摇号公示页</a><a id="notice-pdf" href="${base}/notice.pdf" target="_blank" rel="noopener">公示 PDF</a><a href="${base}/notice.json">验证数据 JSON</a><a href="${base}/results/page" target="_blank" rel="noopener">选房结果公示</a>`
      : html``,
  );
}

async function load() {
  if (!ids.roundId) return render(null);
  render(await api(roundUrl()));
}

/**
 * Commitment, order, draw and close cannot be taken back: each asks first, saying so.
 * @param {string} id @param {import('./confirm.js').ConfirmOptions} ask @param {(reason: string) => Promise<Round | void>} action @param {string} done
 */
function step(id, ask, action, done) {
  void confirmThen(button(id), ask, async (reason) => {
    const round = await action(reason);
    if (round) render(round);
    if (done) say(done, 'ok');
  });
}
button('commit').addEventListener('click', () =>
  step(
    'commit',
    {
      title: `公布摇号承诺值：${shown?.name ?? ''}`,
      text: [
        `将固定“${shown?.name ?? ''}”的参与户名单（${shown?.households ?? 0} 户），并公布名单与密钥的 SHA-256 承诺值。`,
        '公布后名单不能再更改，承诺值不能撤回；摇号时使用同一密钥。',
      ],
      confirm: '确认公布承诺值',
    },
    () => api(roundUrl('/commitment'), { method: 'POST' }),
    '承诺值已公布，参与户名单自此不可更改',
  ),
);
button('fix-order').addEventListener('click', () =>
  step(
    'fix-order',
    {
      title: `按签约时间确定选房顺序：${shown?.name ?? ''}`,
      text: ['按补偿协议签订时间（先签先选）生成选房顺序。', '顺序确定后不能撤回。'],
      confirm: '确认生成顺序',
    },
    () => api(roundUrl('/order'), { method: 'POST', body: {} }),
    '已按补偿协议签订时间确定选房顺序',
  ),
);

byId('draw-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const publicValue = byId('public-value', HTMLInputElement).value.trim();
  if (!publicValue) return say('请录入现场产生的公开随机值');
  step(
    'draw',
    {
      title: `摇号：${shown?.name ?? ''}`,
      text: [
        `以现场公开随机值“${publicValue}”和已承诺的密钥生成“${shown?.name ?? ''}”的选房顺序（${shown?.households ?? 0} 户），并公开密钥。`,
        '摇号结果即为本轮的选房顺序，不能撤回，也不能重摇。请核对随机值无误。',
      ],
      confirm: '确认摇号',
    },
    () => api(roundUrl('/draw'), { method: 'POST', body: { publicValue } }),
    '摇号完成，选房顺序已生成，密钥已公开；请打开公示页核对',
  );
});

button('close-round').addEventListener('click', () => {
  const keep = shown?.rules.unchosenOnClose === 'keep_right';
  const rule = keep
    ? '本轮规则：尚未选房的户保留选房权，可参加以后的轮次。'
    : '本轮规则：尚未选房的户视为放弃（限期不选视同放弃），公示显示“视为放弃”；其后可按项目规则选择剩余房源或货币补偿。';
  step(
    'close-round',
    {
      title: `结束选房：${shown?.name ?? ''}`,
      text: ['结束后各选房窗口不再叫号。', rule, '有户正在选房窗口时不能结束。此操作不能撤回。'],
      confirm: '确认结束选房',
      reason: '结束原因（必填，记入审计日志）',
    },
    async (reason) => {
      /** @type {{ deemedForfeit: number, keptRight: number }} */
      const r = await api(roundUrl('/close'), { method: 'POST', body: { reason } });
      await load();
      say(`选房已结束：${r.deemedForfeit} 户视为放弃，${r.keptRight} 户保留选房权`, 'warn');
    },
    '',
  );
});

/** Batch printing runs in the background; poll its progress once a second until the zip is ready. */
const print = button('print-start');
print.addEventListener('click', () =>
  busy(print, async () => {
    const bar = byId('print-progress', HTMLProgressElement);
    const status = byId('print-status');
    const file = byId('print-file', HTMLAnchorElement);
    file.hidden = true;
    /** @type {PrintJob} */
    let job = await api(roundUrl('/agreements/print'), { method: 'POST' });
    bar.hidden = false;
    while (job.status !== 'done' && job.status !== 'failed') {
      bar.max = Math.max(job.total, 1);
      bar.value = job.done;
      status.textContent = `正在生成：${job.done} / ${job.total}`;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      job = await api(`/api/print-jobs/${encodeURIComponent(job.id)}`);
    }
    bar.value = job.done;
    if (job.status === 'failed') throw new Error(job.error ?? '批量生成失败');
    status.textContent = `已生成 ${job.done} 份协议`;
    file.href = `/api/print-jobs/${encodeURIComponent(job.id)}/file`;
    file.hidden = false;
    say('批量生成完成，请下载压缩包打印', 'ok');
  }),
);

byId('import-order-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const codes = byId('import-order-codes', HTMLTextAreaElement)
    .value.split(/\s+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
  if (codes.length === 0) return say('请粘贴选房顺序：每行一个户号，第 1 行最先选房');
  step(
    'import-order',
    {
      title: `按导入顺序确定选房顺序：${shown?.name ?? ''}`,
      text: [
        `以粘贴的 ${codes.length} 个户号的先后作为“${shown?.name ?? ''}”的选房顺序，第 1 行为第 1 号（${codes[0]}）。`,
        '须恰好包含本轮每户一次。顺序确定后不能撤回。',
      ],
      confirm: '确认导入顺序',
    },
    () => api(roundUrl('/order'), { method: 'POST', body: { codes } }),
    '已按导入的顺序确定选房顺序',
  );
});

wireRoundForm(
  () => ids.projectId,
  (round) => context.reloadRounds(round.id),
);

/** @type {{ reloadRounds(roundId: string): Promise<void> }} */
let context = { reloadRounds: async () => {} };
try {
  const picked = await pickContext(
    (next) => {
      ids = next;
      load().catch(failed);
    },
    { rounds: true },
  );
  context = picked;
  ids = picked.current();
  await load();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
