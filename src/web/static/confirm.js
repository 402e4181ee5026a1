// @ts-check
/**
 * The one confirmation step for acts that cannot be taken back (commitment, draw, undo, reopen, 放弃,
 * 过号, close): a native modal <dialog> that says what will happen and, when the act needs one,
 * asks for the reason in the same place, so the reason and the "yes" are given together.
 * The modal dialog keeps keyboard focus inside; Esc cancels; focus goes back to where it was.
 */
import { busy } from './context.js';

/**
 * @typedef {{ title: string, text: string | string[], confirm: string, reason?: string, danger?: boolean }} ConfirmOptions
 *   text: one paragraph or several; reason: the label of a required reason field (2–500 characters), if any
 */

let seq = 0;

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Opens the dialog; resolves with the reason typed ('' when none was asked) or null when cancelled.
 * Built with DOM calls and textContent only: the texts quote API data (codes, flat labels, reasons).
 * @param {ConfirmOptions} options
 * @returns {Promise<string | null>}
 */
export function confirmAct(options) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const id = `confirm-${++seq}`;
  const dialog = /** @type {HTMLDialogElement} */ (el('dialog', 'confirm-dialog'));
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-text`);
  const title = el('h2', '', options.title);
  title.id = `${id}-title`;
  const body = el('div', 'confirm-text');
  body.id = `${id}-text`;
  for (const paragraph of Array.isArray(options.text) ? options.text : [options.text])
    body.append(el('p', '', paragraph));
  const form = /** @type {HTMLFormElement} */ (el('form'));
  form.noValidate = true;
  /** @type {HTMLTextAreaElement | null} */
  let reason = null;
  const problem = el('p', 'message error');
  problem.id = `${id}-problem`;
  problem.hidden = true;
  problem.setAttribute('role', 'alert');
  if (options.reason) {
    const label = /** @type {HTMLLabelElement} */ (el('label', '', options.reason));
    label.htmlFor = `${id}-reason`;
    reason = /** @type {HTMLTextAreaElement} */ (el('textarea'));
    reason.id = `${id}-reason`;
    reason.name = 'reason';
    reason.rows = 2;
    reason.maxLength = 500;
    reason.required = true;
    reason.setAttribute('aria-describedby', problem.id);
    form.append(label, reason);
  }
  const yes = /** @type {HTMLButtonElement} */ (
    el('button', options.danger === false ? '' : 'danger', options.confirm)
  );
  yes.type = 'submit';
  yes.className += ' confirm-yes';
  const no = /** @type {HTMLButtonElement} */ (el('button', 'secondary confirm-no', '取消'));
  no.type = 'button';
  const buttons = el('p', 'row');
  buttons.append(yes, no);
  form.append(problem, buttons);
  dialog.append(title, body, form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    /** @type {string | null} */
    let answer = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = reason?.value.trim() ?? '';
      if (reason && text.length < 2) {
        problem.textContent = '请填写原因（至少 2 个字），将记入审计日志';
        problem.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
        return;
      }
      answer = text;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    // The refusal goes away once the reason is long enough, so it never contradicts what is typed.
    reason?.addEventListener('input', () => {
      if (reason && reason.value.trim().length >= 2) {
        problem.hidden = true;
        reason.removeAttribute('aria-invalid');
      }
    });
    // Esc fires `cancel` then `close`; both end here with answer still null.
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(answer);
    });
    dialog.showModal();
    // The reason first when one is asked; otherwise 取消, so a stray Enter does not confirm.
    (reason ?? no).focus();
  });
}

/**
 * Asks first, then runs the act with the reason while the button is busy (no second request on a
 * double click). The dialog comes before `busy` so that focus can return to an enabled button.
 * @param {HTMLButtonElement} button
 * @param {ConfirmOptions} options
 * @param {(reason: string) => Promise<void>} action
 */
export async function confirmThen(button, options, action) {
  if (button.disabled) return;
  const reason = await confirmAct(options);
  if (reason === null) return;
  await busy(button, () => action(reason));
}
