// @ts-check
/**
 * Uploading the signed paper's scan: right after signing, or later (补传签字件) for a household this
 * desk signed recently, found by 户号 and name rather than by agreement number.
 */
import { busy, byId, html, say, setHtml, upload } from './context.js';

/** @typedef {{ agreementId: string, number: string, code: string, headName: string }} SignedHousehold */

const RECENT = 20;
const key = (/** @type {string} */ roundId) => `anju.signedAtDesk.${roundId}`;

/** @returns {SignedHousehold[]} */
function recent(/** @type {string} */ roundId) {
  try {
    const list = JSON.parse(localStorage.getItem(key(roundId)) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** Sends the chosen file as the agreement's signed copy and says whose it was. */
export async function sendSignedCopy(
  /** @type {HTMLInputElement} */ input,
  /** @type {string} */ agreementId,
  /** @type {string} */ whose,
) {
  const file = input.files?.[0];
  if (!file) {
    input.focus();
    throw new Error('请先选择签字件文件');
  }
  const summary = await upload(
    `/api/agreements/${encodeURIComponent(agreementId)}/signed-copy`,
    file,
    'application/pdf',
  );
  input.value = '';
  say(`${whose}：签字件已上传，协议 ${summary.number} 已登记为已签署`, 'ok');
}

/** The 补传签字件 card of the 协议签订 desk. */
export function lateUpload(/** @type {() => string} */ roundId) {
  const card = byId('late-upload');
  const select = byId('late-agreement', HTMLSelectElement);
  const render = () => {
    const list = recent(roundId());
    card.hidden = list.length === 0;
    setHtml(
      select,
      html`${list.map((h) => html`<option value="${h.agreementId}">${h.code} ${h.headName}（协议 ${h.number}）</option>`)}`,
    );
  };
  const button = byId('late-upload-button', HTMLButtonElement);
  button.addEventListener('click', () =>
    busy(button, async () => {
      const chosen = recent(roundId()).find((h) => h.agreementId === select.value);
      if (!chosen) throw new Error('请选择安置户');
      await sendSignedCopy(
        byId('late-file', HTMLInputElement),
        chosen.agreementId,
        `${chosen.code} ${chosen.headName}`,
      );
    }),
  );
  return {
    render,
    /** @param {SignedHousehold} signed */
    remember(signed) {
      const others = recent(roundId()).filter((h) => h.agreementId !== signed.agreementId);
      localStorage.setItem(key(roundId()), JSON.stringify([signed, ...others].slice(0, RECENT)));
      render();
    },
  };
}
