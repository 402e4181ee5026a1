// @ts-check
/** A small inline-SVG line chart: completed households per stage over the day. No library, no canvas. */
import { html, setHtml } from './common.js';

/** @typedef {{ t: number, values: number[] }} Sample */

// Distinct colours that stay apart for common colour-vision deficiencies; each line also has a label.
// The legend keys repeat them as classes .key-0 … .key-5 in app.css: the CSP refuses style attributes.
export const COLOURS = ['#0b5cad', '#d55e00', '#009e73', '#cc79a7', '#8a5a00', '#56b4e9'];

/**
 * @param {HTMLElement} box
 * @param {HTMLElement} legend
 * @param {string[]} labels one per line
 * @param {Sample[]} samples oldest first
 */
export function drawChart(box, legend, labels, samples) {
  const W = 640;
  const H = 220;
  const pad = { l: 36, r: 10, t: 10, b: 24 };
  if (samples.length < 2) {
    setHtml(box, html`<p class="muted">数据点不足：随着各窗口办理，曲线将逐步显示。</p>`);
  } else {
    const t0 = samples[0]?.t ?? 0;
    const t1 = samples[samples.length - 1]?.t ?? t0 + 1;
    const max = Math.max(1, ...samples.flatMap((s) => s.values));
    const x = (/** @type {number} */ t) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (W - pad.l - pad.r);
    const y = (/** @type {number} */ v) => H - pad.b - (v / max) * (H - pad.t - pad.b);
    const lines = labels.map((_, i) => {
      const points = samples.map((s) => `${x(s.t).toFixed(1)},${y(s.values[i] ?? 0).toFixed(1)}`).join(' ');
      return html`<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2.5" points="${points}"/>`;
    });
    const time = (/** @type {number} */ t) =>
      new Date(t).toLocaleTimeString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      });
    const axes = html`<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#888"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#888"/>
<text x="${pad.l - 4}" y="${pad.t + 10}" text-anchor="end" font-size="12">${max}</text><text x="${pad.l - 4}" y="${H - pad.b}" text-anchor="end" font-size="12">0</text>
<text x="${pad.l}" y="${H - 6}" font-size="12">${time(t0)}</text><text x="${W - pad.r}" y="${H - 6}" text-anchor="end" font-size="12">${time(t1)}</text>`;
    setHtml(
      box,
      html`<svg viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="none" aria-hidden="true">${axes}${lines}</svg>`,
    );
  }
  const last = samples[samples.length - 1];
  setHtml(
    legend,
    html`${labels.map(
      (label, i) =>
        html`<span><span class="key key-${i % COLOURS.length}"></span>${label} ${last?.values[i] ?? 0}</span>`,
    )}`,
  );
}
