import { type Html, html } from '../shared/html.js';
import { layout } from '../shared/layout.js';
import type { VerifyInfo } from './resident.service.js';

const page = (title: string, body: Html) => layout({ title, stylesheet: 'resident.css', brandTitle: false }, body);

/** The resident's page: agreement number plus the last six characters of the head's ID number. */
export function retrievalPage(message?: string): string {
  return page(
    '下载我的安置协议',
    html`<h1>下载我的安置协议</h1>
<p>请输入协议编号和户主身份证号码后六位。</p>
<form method="post" action="/public/agreements/download">
<label for="number">协议编号</label><input id="number" name="number" required autocomplete="off" placeholder="如 FJW-2026-0001">
<label for="idSuffix">户主身份证号后六位</label><input id="idSuffix" name="idSuffix" required maxlength="6" autocomplete="off" inputmode="text" aria-describedby="idSuffix-hint">
<p class="hint" id="idSuffix-hint">末位为 X 的，请输入字母 X。</p>
<button type="submit">下载协议</button>
</form>${message ? html`<p class="bad" role="alert">${message}</p>` : ''}`,
  );
}

/** The QR code's target: anyone can check that a paper agreement is the registered original. */
export function verifyPage(info: VerifyInfo): string {
  if (!info.found) {
    return page(
      '协议验证',
      html`<h1>协议验证</h1><p class="bad">未找到编号为 ${info.number} 的协议。请核对编号，或向项目办公室查询。</p>`,
    );
  }
  const verdict =
    info.status === 'voided'
      ? html`<p class="bad">该协议编号已于 ${info.voidedAt ?? ''}（北京时间）作废，不再有效；如已换发新协议，请以新编号为准。</p>`
      : info.contentMatches === false
        ? html`<p class="bad">二维码中的校验码与登记的协议不符，此份协议可能被改动，请向项目办公室核实。</p>`
        : info.contentMatches === true
          ? html`<p class="ok">校验通过：此份协议与登记的原件一致。</p>`
          : html`<p>请扫描协议上的二维码进行校验。</p>`;
  const household: [string, string][] =
    info.headName === undefined
      ? []
      : [
          ['户主', info.headName],
          ['家庭成员', (info.members ?? []).join('、') || '—'],
          ['安置房', info.flat ?? ''],
        ];
  const rows: [string, string][] = [
    ['协议编号', info.number],
    ['项目', info.projectName ?? ''],
    ...household,
    ['签订日期', info.date ?? ''],
    [
      '状态',
      info.status === 'signed'
        ? '已签订（已存档签字件）'
        : info.status === 'voided'
          ? `已作废（${info.voidedAt ?? ''}）`
          : '已出具',
    ],
    ['原件 SHA-256', info.pdfSha256 ?? '—'],
  ];
  return page(
    `协议验证 ${info.number}`,
    html`<h1>协议验证</h1>${verdict}<div class="facts"><dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></div>`,
  );
}
