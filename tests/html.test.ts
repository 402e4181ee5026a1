import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as server from '../src/shared/html.js';

/** The browser's helper (src/web/static/html.js) is a plain ES module: the same contract, tested alike. */
interface Helper {
  html(strings: TemplateStringsArray, ...values: unknown[]): { text: string; toString(): string };
  raw(text: string): { text: string };
  escapeHtml(text: string): string;
}
const browserModule = pathToFileURL(resolve(import.meta.dirname, '../src/web/static/html.js')).href;
const browser = (await import(browserModule)) as Helper;
const helpers: [string, Helper][] = [
  ['server (src/shared/html.ts)', server as unknown as Helper],
  ['browser (src/web/static/html.js)', browser],
];

describe.each(helpers)('the html template, %s', (_name, { html, raw, escapeHtml }) => {
  it('escapes every value by default, in text and in attributes', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>',
    );
  });

  it('lets markup in only through raw() and nested templates, never escaping them twice', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}</p>`.text).toBe('<p><b>a&amp;b</b></p>');
    expect(html`<p>${html`${html`${'<'}`}`}</p>`.text).toBe('<p>&lt;</p>');
    expect(html`${raw('<svg></svg>')}`.text).toBe('<svg></svg>');
    expect(html`${'<svg></svg>'}`.text).toBe('&lt;svg&gt;&lt;/svg&gt;');
  });

  it('joins arrays with nothing between, escaping their text and keeping their markup', () => {
    const rows = ['<1>', '2'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${rows}</ul>`.text).toBe('<ul><li>&lt;1&gt;</li><li>2</li></ul>');
    expect(html`${['a<', raw('<br>'), ['b', raw('<hr>')]]}`.text).toBe('a&lt;<br>b<hr>');
    expect(html`<ul>${[]}</ul>`.text).toBe('<ul></ul>');
  });

  it('writes numbers as they are and nothing for null, undefined and false', () => {
    expect(html`${0}|${12.5}|${null}|${undefined}|${false}|${''}`.text).toBe('0|12.5||||');
    const flag = false;
    expect(html`<input${flag && html` checked`}>`.text).toBe('<input>');
  });

  it('turns into its text where a string is wanted, and escapes all five special characters', () => {
    expect(String(html`<p>${'x'}</p>`)).toBe('<p>x</p>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
