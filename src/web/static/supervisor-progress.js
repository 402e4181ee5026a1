// @ts-check
/** 现场进度: the day's figures, refreshed on each event of the round's stream; corrections with a reason. */
import { drawChart } from './chart.js';
import { api, busy, byId, failed, html, pickContext, setHtml, table } from './context.js';
import { lineButtonTarget, moveInLine } from './line-acts.js';
import { renderQueues } from './progress-queues.js';
import { standingPanel } from './standing.js';

/**
 * @typedef {{ stage: string, label: string, completed: number, returned: number, waiting: number, atDesk: number, avgMinutes: number, p90Minutes: number }} StageStat
 * @typedef {{ households: number, arrived: number, done: number, absent: number, forfeited?: number, flatsLeft: number, stages: StageStat[], queues: import('./progress-queues.js').StageQueue[], batches: { number: number, open: boolean, households: number, arrived: number, done: number }[], longestWaiting: { code: string, position: number, waitingFor: string, minutes: number }[], history: Sample[] }} Progress
 * @typedef {import('./chart.js').Sample} Sample
 */

let ids = { projectId: '', roundId: '' };
/** @type {EventSource | null} */
let stream = null;
// A correction changes the line and the figures: the standing reloads itself, then the page refreshes.
const panel = standingPanel(byId('standing'), {
  acts: { line: true, reopen: true, forfeit: false },
  onChange: () => refresh(),
});

function render(/** @type {Progress} */ p) {
  const totals = [
    ['参与户', p.households],
    ['已签到', p.arrived],
    ['已办结', p.done],
    ['未到场', p.absent],
    ['已放弃', p.forfeited ?? 0],
    ['剩余房源', p.flatsLeft],
  ];
  setHtml(byId('totals'), html`${totals.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}`);
  setHtml(
    byId('stage-table'),
    table(
      ['事项', '已办结', '退回', '等候', '办理中', '平均用时（分）', 'P90 用时（分）'],
      p.stages.map((s) => [s.label, s.completed, s.returned, s.waiting, s.atDesk, s.avgMinutes, s.p90Minutes]),
    ),
  );
  setHtml(
    byId('batch-table'),
    table(
      ['批次', '状态', '户数', '已签到', '已办结'],
      p.batches.map((b) => [`第 ${b.number} 批`, b.open ? '已开放' : '未开放', b.households, b.arrived, b.done]),
      '尚未确定选房顺序',
    ),
  );
  setHtml(
    byId('waiting-table'),
    table(
      ['户号', '顺序号', '等候事项', '已等候（分）'],
      p.longestWaiting.map((w) => [w.code, w.position, w.waitingFor, w.minutes]),
      '无人等候',
    ),
  );
  setHtml(byId('queues'), renderQueues(p.queues));
  // The server derives the curve from the day's records: every PC sees the whole day.
  drawChart(
    byId('chart'),
    byId('chart-legend'),
    p.stages.map((s) => s.label),
    p.history,
  );
}

let inFlight = false;
let again = false;
/** Events can come in bursts: at most one request in flight, and one more after it if anything arrived meanwhile. */
async function refresh() {
  if (!ids.roundId) return;
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  try {
    render(await api(`/api/rounds/${encodeURIComponent(ids.roundId)}/progress`));
  } catch (err) {
    failed(err);
  } finally {
    inFlight = false;
    if (again) {
      again = false;
      setTimeout(refresh, 500);
    }
  }
}

function follow() {
  stream?.close();
  stream = null;
  const live = byId('live');
  if (!ids.roundId) {
    live.textContent = '请选择选房轮次';
    return;
  }
  stream = new EventSource(`/public/rounds/${encodeURIComponent(ids.roundId)}/events`);
  const onEvent = () => {
    live.textContent = `实时更新中（${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）`;
    void refresh();
  };
  for (const type of ['snapshot', 'call', 'progress', 'unit', 'turn', 'round']) stream.addEventListener(type, onEvent);
  stream.onerror = () => {
    live.textContent = '实时连接中断，正在重连…';
  };
}

/** Finds a household of the project by its 户号 (the search also matches names and ID numbers). */
byId('lookup-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('lookup', HTMLButtonElement), async () => {
    const code = byId('lookup-code', HTMLInputElement).value.trim();
    if (!code) throw new Error('请输入户号');
    if (!ids.roundId) throw new Error('请先选择选房轮次');
    const list = await api(
      `/api/projects/${encodeURIComponent(ids.projectId)}/households?q=${encodeURIComponent(code)}&limit=20`,
    );
    /** @type {{ id: string, code: string } | undefined} */
    const h = list.items.find((/** @type {{ code: string }} */ x) => x.code === code);
    if (!h) throw new Error(`本项目没有户号 ${code}`);
    await panel.show(ids.roundId, h.id);
  });
});

// 过号 / 登记未到场 / 回到队列 from the queue table: the table is redrawn on every event, so one
// listener on its container serves every redraw.
byId('queues').addEventListener('click', (event) => {
  const target = lineButtonTarget(event.target);
  if (target) void moveInLine(target.button, ids.roundId, target.household, target.move, refresh);
});

try {
  const context = await pickContext(
    (next) => {
      ids = next;
      panel.clear();
      follow();
      void refresh();
    },
    { rounds: true },
  );
  ids = context.current();
  follow();
  await refresh();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
