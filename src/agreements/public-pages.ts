import { escapeHtml } from '../shared/html.js';
import type { VerifyInfo } from './resident.service.js';

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
*{box-sizing:border-box}
body{font:18px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#111;background:#f6f7f9}
h1{font-size:1.5rem;margin:.5rem 0 1rem}p{margin:.6rem 0}
form,.facts{background:#fff;border:1px solid #c9c9c9;border-radius:.5rem;padding:1rem}
label{display:block;margin:.8rem 0 .2rem;font-weight:500}label:first-child{margin-top:0}
input{font:inherit;font-size:1.2rem;padding:.6rem;width:100%;border:1px solid #8a8a8a;border-radius:.3rem;letter-spacing:.05em}
button{font:inherit;font-size:1.2rem;padding:.7rem 1.4rem;margin-top:1.2rem;width:100%;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:.3rem;cursor:pointer}
input:focus-visible,button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.hint{color:#5c5c5c;font-size:.95rem}
.ok,.bad{font-weight:bold;padding:.6rem .8rem;border-radius:.3rem}.ok{color:#0a6b2d;background:#e6f4ea}.bad{color:#b00020;background:#fde8ec}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:0}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:22rem){dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}
</style></head><body>${body}</body></html>`;

/** The resident's page: agreement number plus the last six characters of the head's ID number. */
export function retrievalPage(message?: string): string {
  return page(
    '下载我的安置协议',
    `<h1>下载我的安置协议</h1>
<p>请输入协议编号和户主身份证号码后六位。</p>
<form method="post" action="/public/agreements/download">
<label for="number">协议编号</label><input id="number" name="number" required autocomplete="off" placeholder="如 FJW-2026-0001">
<label for="idSuffix">户主身份证号后六位</label><input id="idSuffix" name="idSuffix" required maxlength="6" autocomplete="off" inputmode="text" aria-describedby="idSuffix-hint">
<p class="hint" id="idSuffix-hint">末位为 X 的，请输入字母 X。</p>
<button type="submit">下载协议</button>
</form>${message ? `<p class="bad" role="alert">${escapeHtml(message)}</p>` : ''}`,
  );
}

/** The QR code's target: anyone can check that a paper agreement is the registered original. */
export function verifyPage(info: VerifyInfo): string {
  if (!info.found) {
    return page('协议验证', `<h1>协议验证</h1><p class="bad">未找到编号为 ${escapeHtml(info.number)} 的协议。请核对编号，或向项目办公室查询。</p>`);
  }
  const verdict =
    info.status === 'voided'
      ? '<p class="bad">该协议编号已作废，请以新编号协议为准。</p>'
      : info.contentMatches === false
        ? '<p class="bad">二维码中的校验码与登记的协议不符，此份协议可能被改动，请向项目办公室核实。</p>'
        : info.contentMatches === true
          ? '<p class="ok">校验通过：此份协议与登记的原件一致。</p>'
          : '<p>请扫描协议上的二维码进行校验。</p>';
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
    ['状态', info.status === 'signed' ? '已签订（已存档签字件）' : info.status === 'voided' ? '已作废' : '已出具'],
    ['原件 SHA-256', info.pdfSha256 ?? '—'],
  ];
  return page(
    `协议验证 ${info.number}`,
    `<h1>协议验证</h1>${verdict}<div class="facts"><dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl></div>`,
  );
}
