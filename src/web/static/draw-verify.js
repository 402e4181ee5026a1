// @ts-check
import { checkPublishedDraw } from './draw-recompute.js';
import { html, setHtml } from './html.js';

/** 摇号核验: recomputes the draw from the fields on the page and says 一致 or 不一致. */
const form = /** @type {HTMLFormElement | null} */ (document.getElementById('draw-form'));
const verdict = document.getElementById('verdict');
const problemList = document.getElementById('problems');

/** @param {string} id */
const value = (id) => /** @type {HTMLInputElement | HTMLTextAreaElement} */ (document.getElementById(id)).value;
/** @param {string} id */
const codes = (id) =>
  value(id)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

async function verify() {
  if (!verdict || !problemList) return;
  if (!globalThis.crypto?.subtle) {
    verdict.className = 'verdict bad';
    verdict.textContent = '此浏览器不支持安全计算（需 HTTPS 网址），无法核验';
    return;
  }
  const check = await checkPublishedDraw({
    households: codes('households'),
    listHash: value('listHash').trim(),
    commitment: value('commitment').trim(),
    secret: value('secret').trim(),
    publicValue: value('publicValue'),
    seed: value('seed').trim() || null,
    order: codes('order'),
  });
  verdict.className = check.ok ? 'verdict good' : 'verdict bad';
  verdict.textContent = check.ok
    ? `一致：按公示数据重新计算的选房顺序与公示完全相同（共 ${check.order.length} 户）`
    : '不一致：重新计算的结果与公示不符';
  setHtml(problemList, html`${check.problems.map((p) => html`<li>${p}</li>`)}`);
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  // The verdict sits above the fields: bring it back into view on a phone.
  verify().finally(() => {
    verdict?.scrollIntoView({ block: 'start' });
    document.body.dataset.ready = 'true';
  });
});
verify().finally(() => {
  document.body.dataset.ready = 'true';
});
