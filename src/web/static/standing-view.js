// @ts-check
/** The standing's shape (GET /api/rounds/:id/households/:householdId/standing) and the key-return form. */
import { byId, html } from './context.js';

/**
 * @typedef {{ workflowId: string, absent: boolean, awayReason: string | null, awayStage: string | null, calledStage: string | null, calledDesk: string | null, next: string | null, nextLabel: string | null }} StandingWorkflow
 * @typedef {{ keys: number, accessCards: number, returned: { keys: number, accessCards: number, receivedBy: string, receivedAt: string } | null }} StandingKeys
 * @typedef {{
 *   roundId: string, roundStatus: string, householdId: string, code: string, headName: string, position: number | null, batch: number | null,
 *   status: string, line: { readiness: string, reason: string }, isNext: boolean, workflow: StandingWorkflow | null, completed: string[],
 *   selections: { selectionId: string, unitId: string, unit: string, selectedAt: string }[],
 *   agreement: { id: string, number: string, status: string } | null, keys: StandingKeys | null,
 *   forfeit: { id: string, kind: string, text: string, reason: string, hasStatement: boolean, recordedAt: string } | null
 * }} Standing
 */

/** The counts default to what was handed out; fewer needs a note (the API refuses it otherwise). @param {StandingKeys} keys */
export function keyReturnForm(keys) {
  return html`<form id="key-return-form" novalidate class="card"><h3>钥匙退回</h3>
<p class="muted">领取时：钥匙 ${keys.keys} 把，门禁卡 ${keys.accessCards} 张。</p>
<div class="grid"><div><label for="return-keys">退回钥匙（把）</label><input id="return-keys" type="number" min="0" max="99" value="${keys.keys}" required></div>
<div><label for="return-cards">退回门禁卡（张）</label><input id="return-cards" type="number" min="0" max="99" value="${keys.accessCards}" required></div>
<div><label for="return-note">说明（少于领取数时必填）</label><input id="return-note" maxlength="500"></div></div>
<p><button type="submit" id="key-return">登记钥匙退回</button></p></form>`;
}

/** @param {Standing} s @returns {{ keys: number, accessCards: number, note?: string }} */
export function readKeyReturn(s) {
  const count = (/** @type {string} */ id, /** @type {string} */ name) => {
    const field = byId(id, HTMLInputElement);
    if (!/^\d{1,2}$/.test(field.value.trim())) {
      field.focus();
      throw new Error(`请填写${name}（整数）`);
    }
    return Number(field.value.trim());
  };
  const keys = count('return-keys', '退回钥匙把数');
  const accessCards = count('return-cards', '退回门禁卡张数');
  const note = byId('return-note', HTMLInputElement).value.trim();
  if (s.keys && (keys < s.keys.keys || accessCards < s.keys.accessCards) && !note) {
    byId('return-note', HTMLInputElement).focus();
    throw new Error('退回数量少于领取数量，请在“说明”中写明原因');
  }
  return note ? { keys, accessCards, note } : { keys, accessCards };
}
