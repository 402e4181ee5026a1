// @ts-check
/** 现场进度: the day's figures, refreshed on each event of the round's stream; corrections with a reason. */
import { drawChart } from './chart.js';
import { api, busy, byId, escape, failed, pickContext, say, table } from './context.js';

/**
 * @typedef {{ stage: string, label: string, completed: number, returned: number, waiting: number, atDesk: number, avgMinutes: number, p90Minutes: number }} StageStat
 * @typedef {{ households: number, arrived: number, done: number, absent: number, flatsLeft: number, stages: StageStat[], batches: { number: number, open: boolean, households: number, arrived: number, done: number }[], longestWaiting: { code: string, position: number, waitingFor: string, minutes: number }[], history: Sample[] }} Progress
 * @typedef {import('./chart.js').Sample} Sample
 */

const stageLabels = { documentReview: '材料审核', idCheck: '身份信息核对', selection: '选房', signing: '协议签订', propertyRegistration: '物业登记', keyHandover: '领取钥匙' };
let ids = { projectId: '', roundId: '' };
/** @type {EventSource | null} */
let stream = null;

function render(/** @type {Progress} */ p) {
  const totals = [['参与户', p.households], ['已签到', p.arrived], ['已办结', p.done], ['未到场', p.absent], ['剩余房源', p.flatsLeft]];
  byId('totals').innerHTML = totals.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  byId('stage-table').innerHTML = table(
    ['事项', '已办结', '退回', '等候', '办理中', '平均用时（分）', 'P90 用时（分）'],
    p.stages.map((s) => [escape(s.label), String(s.completed), String(s.returned), String(s.waiting), String(s.atDesk), String(s.avgMinutes), String(s.p90Minutes)]),
  );
  byId('batch-table').innerHTML = table(
    ['批次', '状态', '户数', '已签到', '已办结'],
    p.batches.map((b) => [`第 ${b.number} 批`, b.open ? '已开放' : '未开放', String(b.households), String(b.arrived), String(b.done)]),
    '尚未确定选房顺序',
  );
  byId('waiting-table').innerHTML = table(
    ['户号', '顺序号', '等候事项', '已等候（分）'],
    p.longestWaiting.map((w) => [escape(w.code), String(w.position), escape(w.waitingFor), String(w.minutes)]),
    '无人等候',
  );
  // The server derives the curve from the day's records: every PC sees the whole day.
  drawChart(byId('chart'), byId('chart-legend'), p.stages.map((s) => s.label), p.history);
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
    live.textContent = '请选择分房批次';
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

/** @type {{ householdId: string, workflowId: string, code: string } | null} */
let found = null;

byId('lookup-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('lookup', HTMLButtonElement), async () => {
    const code = byId('lookup-code', HTMLInputElement).value.trim();
    if (!code) throw new Error('请输入户号');
    const list = await api(`/api/projects/${encodeURIComponent(ids.projectId)}/households?q=${encodeURIComponent(code)}&limit=20`);
    /** @type {{ id: string, code: string, headName: string } | undefined} */
    const h = list.items.find((/** @type {{ code: string }} */ x) => x.code === code);
    if (!h) throw new Error(`本项目没有户号 ${code}`);
    const [workflow, audit] = await Promise.all([
      api(`/api/rounds/${encodeURIComponent(ids.roundId)}/households/${encodeURIComponent(h.id)}/workflow`),
      api(`/api/audit?entityType=household&entityId=${encodeURIComponent(h.id)}&limit=500`),
    ]);
    // Live selections: those created and not undone (the undo row names the selection in `before`).
    /** @type {{ action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null }[]} */
    const rows = audit;
    const undone = new Set(rows.filter((r) => r.action === 'selection.undo').map((r) => r.before?.selectionId));
    const live = rows.filter((r) => r.action === 'selection.create' && !undone.has(r.after?.selectionId));
    found = { householdId: h.id, workflowId: workflow.workflowId, code: h.code };
    byId('lookup-result').innerHTML = `<p>${escape(h.code)} ${escape(h.headName)}：第 ${workflow.position} 号，第 ${workflow.batch} 批，${workflow.doneAt ? '已办结' : `下一事项：${escape(stageLabels[/** @type {keyof typeof stageLabels} */ (workflow.nextStage)] ?? workflow.nextStage ?? '—')}`}${workflow.calledDesk ? `，正在${escape(workflow.calledDesk)}办理` : ''}</p>`;
    byId('undo-selection', HTMLSelectElement).innerHTML = live.map((r) => `<option value="${escape(r.after.selectionId)}">${escape(r.after.unit)}</option>`).join('');
    byId('reopen-form').hidden = false;
    byId('undo-form').hidden = live.length === 0;
  });
});

byId('reopen-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('reopen', HTMLButtonElement), async () => {
    if (!found) return;
    const stage = byId('reopen-stage', HTMLSelectElement);
    const reason = byId('reopen-reason', HTMLInputElement).value.trim();
    if (reason.length < 2) throw new Error('请填写重开原因');
    await api(`/api/workflows/${encodeURIComponent(found.workflowId)}/stages/${stage.value}/reopen`, { method: 'POST', body: { reason } });
    say(`已重开 ${found.code} 的“${stage.selectedOptions[0]?.textContent ?? ''}”，该户回到队列重新办理`, 'ok');
    byId('reopen-reason', HTMLInputElement).value = '';
    await refresh();
  });
});

byId('undo-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('undo', HTMLButtonElement), async () => {
    if (!found) return;
    const select = byId('undo-selection', HTMLSelectElement);
    const reason = byId('undo-reason', HTMLInputElement).value.trim();
    if (reason.length < 2) throw new Error('请填写撤销原因');
    await api(`/api/selections/${encodeURIComponent(select.value)}/undo`, { method: 'POST', body: { reason } });
    say(`已撤销 ${found.code} 选定的 ${select.selectedOptions[0]?.textContent ?? ''}，房源回到可选`, 'ok');
    select.selectedOptions[0]?.remove();
    byId('undo-reason', HTMLInputElement).value = '';
    byId('undo-form').hidden = select.options.length === 0;
    await refresh();
  });
});

try {
  const context = await pickContext((next) => {
    ids = next;
    found = null;
    follow();
    void refresh();
  }, { rounds: true });
  ids = context.current();
  follow();
  await refresh();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
