// @ts-check
/** Moving a household in the 选房 line: 过号, 登记未到场, 回到队列 — each with a reason, after a confirmation. */
import { confirmThen } from './confirm.js';
import { api, html, say } from './context.js';

/**
 * @typedef {'pass' | 'absent' | 'present'} Move
 * @typedef {{ householdId: string, code: string, position: number | null }} LineHousehold
 */

/** What each move does, in the words the desk reads to the household. */
const moves = {
  pass: {
    button: '过号',
    title: '过号',
    text: [
      '该户暂缓选房，保留选房权；到选房窗口后排在尚未叫到的户之前优先选房，不会排到已叫到的户之前。',
      '过号将在叫号大屏和选房窗口公布，不能撤回。',
    ],
    confirm: '确认过号',
    done: '已过号，保留选房权；该户准备好后优先选房。请叫下一位。',
  },
  absent: {
    button: '登记未到场',
    title: '登记未到场',
    text: ['该户保留选房权，不再占用叫号；到场后点“回到队列”或在门口重新签到。'],
    confirm: '确认登记未到场',
    done: '已登记未到场，保留选房权。',
  },
  present: {
    button: '回到队列',
    title: '回到队列',
    text: ['该户按原顺序回到队列；轮到选房时排在尚未叫到的户之前。'],
    confirm: '确认回到队列',
    done: '已回到队列，按原顺序等候叫号。',
  },
};

/** The button's text for a move. @param {Move} move */
export const moveLabel = (move) => moves[move].button;

const who = (/** @type {LineHousehold} */ h) => (h.position === null ? h.code : `第 ${h.position} 号（${h.code}）`);

/**
 * Confirms and records one move; `after` runs once it is recorded (reload the page's view).
 * @param {HTMLButtonElement} button
 * @param {string} roundId
 * @param {LineHousehold} household
 * @param {Move} move
 * @param {() => Promise<void> | void} after
 */
export function moveInLine(button, roundId, household, move, after) {
  const m = moves[move];
  return confirmThen(
    button,
    {
      title: `${m.title}：${who(household)}`,
      text: m.text,
      confirm: m.confirm,
      reason: `${m.title}原因（必填，记入审计日志）`,
      danger: move !== 'present',
    },
    async (reason) => {
      await api(
        `/api/rounds/${encodeURIComponent(roundId)}/households/${encodeURIComponent(household.householdId)}/${move}`,
        { method: 'POST', body: { reason } },
      );
      say(`${who(household)}${m.done}`, move === 'present' ? 'ok' : 'warn');
      await after();
    },
  );
}

/**
 * Buttons for a list row, separated by spaces; read back by `lineButtonTarget`.
 * @param {LineHousehold} h
 * @param {Move[]} which
 * @param {boolean} [small] small buttons inside a table row
 */
export function lineButtons(h, which, small = true) {
  return which.map(
    (move, i) =>
      html`${i > 0 && ' '}<button type="button" class="${small ? 'small ' : ''}${move === 'present' ? '' : 'secondary'}" data-move="${move}" data-household="${h.householdId}" data-code="${h.code}" data-position="${h.position ?? ''}">${moves[move].button}</button>`,
  );
}

/** The household and move behind a clicked list button, or null. @param {EventTarget | null} target */
export function lineButtonTarget(target) {
  const button = target instanceof Element ? target.closest('button[data-move]') : null;
  if (!(button instanceof HTMLButtonElement)) return null;
  const move = /** @type {Move} */ (button.dataset.move);
  const position = button.dataset.position ? Number(button.dataset.position) : null;
  return {
    button,
    move,
    household: { householdId: button.dataset.household ?? '', code: button.dataset.code ?? '', position },
  };
}
