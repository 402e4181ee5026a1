// @ts-check
/**
 * One household's standing in a round (GET …/standing) and what a supervisor may do about it:
 * 过号 / 登记未到场 / 回到队列, 撤销选房 (which voids the agreement after signing and needs the key
 * return after keys), 钥匙退回, 重开, 放弃选房 / 货币补偿 with the written statement, 恢复选房资格.
 * Used by 现场进度 and 单户办理, so both pages apply the same rules in the same words.
 */
import { confirmThen } from './confirm.js';
import { api, beijing, busy, byId, html, say, setHtml, upload } from './context.js';
import { agreementStatusLabels, roundHouseholdStatusLabels, stageLabels } from './labels.js';
import { lineButtons, lineButtonTarget, moveInLine } from './line-acts.js';
import { keyReturnForm, readKeyReturn } from './standing-view.js';

/**
 * @typedef {import('./standing-view.js').Standing} Standing
 * @typedef {{ acts: { line: boolean, reopen: boolean, forfeit: boolean }, onChange?: () => Promise<void> | void }} PanelOptions
 */

const label = (/** @type {Readonly<Record<string, string>>} */ table, /** @type {string} */ key) => table[key] ?? key;

/** @param {Standing} s @param {PanelOptions['acts']} acts */
function render(s, acts) {
  const w = s.workflow;
  const day = !w
    ? '本轮尚未签到'
    : w.calledDesk
      ? `正在${w.calledDesk}办理${w.calledStage ? `“${label(stageLabels, w.calledStage)}”` : ''}`
      : w.nextLabel
        ? `下一事项：${w.nextLabel}`
        : '各事项已办结';
  const keys = s.keys
    ? `已领钥匙 ${s.keys.keys} 把、门禁卡 ${s.keys.accessCards} 张${s.keys.returned ? `；已退回 ${s.keys.returned.keys} 把、${s.keys.returned.accessCards} 张（${s.keys.returned.receivedBy}，${beijing(s.keys.returned.receivedAt)}）` : ''}`
    : '未领取';
  const facts = [
    ['户号 / 户主', `${s.code} ${s.headName}`],
    ['顺序号 / 批次', s.position === null ? '尚未确定' : `第 ${s.position} 号 / 第 ${s.batch ?? '—'} 批`],
    ['状态', label(roundHouseholdStatusLabels, s.status)],
    ['选房队列', `${s.line.reason}${s.isNext ? '（下一位选房）' : ''}`],
    ['当日办理', day],
    ['已选房源', s.selections.map((x) => x.unit).join('、') || '尚未选房'],
    ['协议', s.agreement ? `${s.agreement.number}（${label(agreementStatusLabels, s.agreement.status)}）` : '尚未签订'],
    ['钥匙', keys],
    ...(s.forfeit
      ? [
          [
            '放弃',
            `${s.forfeit.text}：${s.forfeit.reason}（${beijing(s.forfeit.recordedAt)}）${s.forfeit.hasStatement ? '，已上传书面声明' : ''}`,
          ],
        ]
      : []),
  ];
  const parts = [html`<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`];
  const lineHousehold = { householdId: s.householdId, code: s.code, position: s.position };
  /** @type {import('./line-acts.js').Move[]} */
  const moves = [];
  if (acts.line && s.status !== 'done' && s.status !== 'forfeited') {
    if (s.isNext || s.line.readiness === 'atSelectionDesk') moves.push('pass');
    if (w?.absent || s.status === 'absent') moves.push('present');
    // Not yet signed in (or its batch not open): nothing to mark, the API wants it signed in first.
    else if (s.line.readiness !== 'notArrived' && s.line.readiness !== 'later') moves.push('absent');
  }
  const buttons = [html`${lineButtons(lineHousehold, moves, false)}`];
  const keysOut = s.keys !== null && s.keys.returned === null;
  for (const sel of s.selections) {
    if (!keysOut)
      buttons.push(
        html`<button type="button" class="danger" data-act="undo" data-selection="${sel.selectionId}" data-unit="${sel.unit}">撤销选房：${sel.unit}</button>`,
      );
  }
  if (acts.forfeit && s.forfeit) buttons.push(html`<button type="button" data-act="reinstate">恢复选房资格</button>`);
  if (acts.forfeit && !s.forfeit && s.selections.length === 0 && s.status !== 'done') {
    buttons.push(
      html`<button type="button" class="danger" data-act="forfeit" data-kind="forfeit">放弃选房</button><button type="button" class="danger" data-act="forfeit" data-kind="cash">选择货币补偿</button>`,
    );
  }
  parts.push(html`<p class="row actions">${buttons.map((b, i) => html`${i > 0 && ' '}${b}`)}</p>`);
  if (s.selections.length && keysOut)
    parts.push(
      html`<p class="message warn" role="status">该户已领取钥匙：须先登记钥匙、门禁卡退回，才能撤销选房或重办领取钥匙之前的事项。</p>`,
    );
  if (keysOut && s.keys && w) parts.push(keyReturnForm(s.keys));
  if (acts.reopen && w && s.completed.length) {
    const options = s.completed.map((st) => html`<option value="${st}">${label(stageLabels, st)}</option>`);
    parts.push(
      html`<div class="row"><label for="reopen-stage">重开事项（其后事项一并作废重办）</label><select id="reopen-stage">${options}</select><button type="button" class="danger" data-act="reopen">重开</button></div>`,
    );
  }
  if (s.forfeit && !s.forfeit.hasStatement) {
    parts.push(
      html`<div class="row"><label for="statement-file">书面声明扫描件（PDF、JPEG 或 PNG，可稍后上传）</label><input type="file" id="statement-file" accept="application/pdf,image/jpeg,image/png"><button type="button" data-act="statement">上传书面声明</button></div>`,
    );
  } else if (s.forfeit) {
    parts.push(
      html`<p><a href="/api/forfeits/${encodeURIComponent(s.forfeit.id)}/statement" target="_blank" rel="noopener">查看书面声明</a></p>`,
    );
  }
  return html`${parts}`;
}

/** What 撤销选房 does, said before it is done: the agreement number voided after signing. @param {Standing} s @param {string} unit */
function undoText(s, unit) {
  const text = [`撤销 ${s.code} 选定的 ${unit}：房源释放，该户回到选房窗口重新选房（轮到时优先叫号）。`];
  if (s.agreement)
    text.push(
      `该户已签约：协议 ${s.agreement.number} 将作废，核验页显示“已作废”及作废时间；协议签订、物业登记、领取钥匙的记录一并作废，须重新办理。`,
    );
  text.push('此操作不能撤回。');
  return text;
}

/**
 * @param {HTMLElement} box where the standing is shown
 * @param {PanelOptions} options
 */
export function standingPanel(box, options) {
  /** @type {Standing | null} */
  let current = null;
  let roundId = '';
  const reload = async () => {
    if (current) await show(roundId, current.householdId);
    await options.onChange?.();
  };
  const url = (/** @type {string} */ path) =>
    `/api/rounds/${encodeURIComponent(roundId)}/households/${encodeURIComponent(current?.householdId ?? '')}${path}`;

  /** @param {string} round @param {string} householdId */
  async function show(round, householdId) {
    roundId = round;
    /** @type {Standing} */
    const s = await api(
      `/api/rounds/${encodeURIComponent(round)}/households/${encodeURIComponent(householdId)}/standing`,
    );
    current = s;
    setHtml(box, render(s, options.acts));
    box.hidden = false;
  }

  box.addEventListener('click', (event) => {
    const s = current;
    if (!s) return;
    const line = lineButtonTarget(event.target);
    if (line) return void moveInLine(line.button, roundId, line.household, line.move, reload);
    const button = event.target instanceof Element ? event.target.closest('button[data-act]') : null;
    if (!(button instanceof HTMLButtonElement)) return;
    const act = button.dataset.act;
    if (act === 'undo') {
      const unit = button.dataset.unit ?? '';
      void confirmThen(
        button,
        {
          title: `撤销选房：${s.code}`,
          text: undoText(s, unit),
          confirm: s.agreement ? `撤销选房并作废协议 ${s.agreement.number}` : '确认撤销选房',
          reason: '撤销原因（必填，记入审计日志）',
        },
        async (reason) => {
          await api(`/api/selections/${encodeURIComponent(button.dataset.selection ?? '')}/undo`, {
            method: 'POST',
            body: { reason },
          });
          say(
            `已撤销 ${s.code} 选定的 ${unit}，房源回到可选${s.agreement ? `；协议 ${s.agreement.number} 已作废` : ''}。该户回到选房窗口重新选房。`,
            'ok',
          );
          await reload();
        },
      );
    } else if (act === 'reopen') {
      const select = byId('reopen-stage', HTMLSelectElement);
      const name = select.selectedOptions[0]?.textContent ?? '';
      void confirmThen(
        button,
        {
          title: `重开：${s.code} 的“${name}”`,
          text: [`“${name}”及其后事项的记录一并作废（不删除），该户回到队列重新办理。`, '此操作不能撤回。'],
          confirm: '确认重开',
          reason: '重开原因（必填，记入审计日志）',
        },
        async (reason) => {
          await api(
            `/api/workflows/${encodeURIComponent(s.workflow?.workflowId ?? '')}/stages/${encodeURIComponent(select.value)}/reopen`,
            { method: 'POST', body: { reason } },
          );
          say(`已重开 ${s.code} 的“${name}”，该户回到队列重新办理`, 'ok');
          await reload();
        },
      );
    } else if (act === 'forfeit') {
      const cash = button.dataset.kind === 'cash';
      const what = cash ? '选择货币补偿' : '放弃选房';
      const text = [
        `登记 ${s.code}（${s.headName}）${what}：选房队列和各窗口不再叫该户，公示显示“${cash ? '放弃选房（货币补偿）' : '放弃选房'}”。`,
        '请让户主签署书面声明，登记后可上传扫描件。',
        '如需恢复，须另行“恢复选房资格”并填写原因。',
      ];
      void confirmThen(
        button,
        { title: `${what}：${s.code}`, text, confirm: `确认${what}`, reason: `${what}原因（必填，记入审计日志）` },
        async (reason) => {
          await api(url('/forfeit'), { method: 'POST', body: { kind: cash ? 'cash' : 'forfeit', reason } });
          say(`已登记 ${s.code} ${what}。可在下方上传书面声明扫描件。`, 'warn');
          await reload();
        },
      );
    } else if (act === 'reinstate') {
      void confirmThen(
        button,
        {
          title: `恢复选房资格：${s.code}`,
          text: ['撤回该户的放弃登记，该户按原顺序回到选房队列。'],
          confirm: '确认恢复',
          reason: '恢复原因（必填，记入审计日志）',
          danger: false,
        },
        async (reason) => {
          await api(url('/reinstate'), { method: 'POST', body: { reason } });
          say(`${s.code} 已恢复选房资格，按原顺序回到队列`, 'ok');
          await reload();
        },
      );
    } else if (act === 'statement' && s.forfeit) {
      const forfeitId = s.forfeit.id;
      void busy(button, async () => {
        const file = byId('statement-file', HTMLInputElement).files?.[0];
        if (!file) throw new Error('请先选择书面声明扫描件');
        await upload(`/api/forfeits/${encodeURIComponent(forfeitId)}/statement`, file, 'application/pdf');
        say(`${s.code} 的书面声明已上传`, 'ok');
        await reload();
      });
    }
  });

  box.addEventListener('submit', (event) => {
    event.preventDefault();
    const s = current;
    const form = event.target;
    if (!s?.workflow || !(form instanceof HTMLFormElement) || form.id !== 'key-return-form') return;
    const workflowId = s.workflow.workflowId;
    void busy(byId('key-return', HTMLButtonElement), async () => {
      const body = readKeyReturn(s);
      await api(`/api/workflows/${encodeURIComponent(workflowId)}/key-return`, { method: 'POST', body });
      say(`已登记 ${s.code} 退回钥匙 ${body.keys} 把、门禁卡 ${body.accessCards} 张；现在可以撤销选房`, 'ok');
      await reload();
    });
  });

  return {
    show,
    clear() {
      current = null;
      setHtml(box, html``);
      box.hidden = true;
    },
  };
}
