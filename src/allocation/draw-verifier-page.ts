import { type Html, html } from '../shared/html.js';
import { layout } from '../shared/layout.js';
import type { DrawNotice } from './draw-notice.js';

const field = (id: string, label: string, value: string, hint: string) =>
  html`<label for="${id}">${label}<small>${hint}</small></label><input id="${id}" name="${id}" value="${value}" spellcheck="false" autocomplete="off">`;

const list = (id: string, label: string, codes: readonly string[]) =>
  html`<label for="${id}">${label}<small>每行一个户号</small></label><textarea id="${id}" name="${id}" rows="6" spellcheck="false">${codes.join('\n')}</textarea>`;

/**
 * 摇号核验: the page the notice's QR opens. It carries the published values in editable fields and
 * draw-verify.js recomputes the draw from them in the resident's browser (WebCrypto), so the same
 * page also checks the figures of a paper notice typed in by hand.
 */
export function renderDrawVerifierPage(notice: DrawNotice): string {
  const title = `摇号核验 · ${notice.round.name}`;
  if (notice.secret === null || notice.publicValue === null || notice.order === null) {
    return page(
      title,
      notice,
      html`<p class="pending">摇号尚未进行。摇号后本页公布密钥、公开随机值和选房顺序，并可在此核验。</p>`,
    );
  }
  return page(
    title,
    notice,
    html`<p id="verdict" class="verdict" role="status" aria-live="polite">正在核验…</p>
<ul id="problems" class="problems"></ul>
<form id="draw-form" class="verify-form">
${list('households', '参与户名单（按码位排序）', notice.households)}
${field('listHash', '名单哈希 listHash', notice.listHash, '名单的 SHA-256')}
${field('commitment', '承诺值 commitment', notice.commitment, '摇号前公布的密钥 SHA-256')}
${field('publicValue', '公开随机值 publicValue', notice.publicValue, '摇号当日公开产生')}
${field('secret', '密钥 secret', notice.secret, '摇号后公布')}
${field('seed', '种子 seed', notice.seed ?? '', '由以上数据算出')}
${list('order', '选房顺序（第 1 位在最前）', notice.order)}
<button type="submit">重新核验</button>
</form>`,
  );
}

function page(title: string, notice: DrawNotice, body: Html): string {
  return layout(
    { title, stylesheet: 'draw-notice.css', brandTitle: false, scripts: ['draw-verify.js'] },
    html`<h1>${notice.project.name} · ${notice.round.name} 摇号核验</h1>
${notice.issuer ? html`<p>发布单位：${notice.issuer}</p>` : ''}
<p>本页在您的手机或电脑浏览器中，用摇号公示上的数据按算法 <code>${notice.algorithm}</code> 重新计算选房顺序，不经服务器计算。可将下列数据改为纸质公示上的数字后点“重新核验”。</p>
${body}
<p><a href="/public/rounds/${notice.round.id}/notice">查看摇号公示</a></p>`,
  );
}
