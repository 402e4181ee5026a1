/**
 * The one way to write HTML on the server: the `html` tagged template escapes every value it is
 * given; `raw()` is the only way in for markup, and the result of a nested `html` template is such
 * markup, so templates compose without escaping twice. The browser has the same contract in
 * src/web/static/html.js.
 */

/** Markup that is trusted as it stands: made by `html` or marked by `raw`. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template accepts: text and numbers (escaped), markup, nothing (null, undefined, false), or lists of these. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

/** Escapes text for HTML element content and attribute values (quoted). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Marks markup as trusted: only for text that is HTML by construction (an SVG path, a fixed snippet). */
export function raw(text: string): Html {
  return new Html(text);
}

function part(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose values are escaped unless they are `Html`; arrays are joined with nothing between. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += part(value) + (strings[i + 1] ?? '');
  });
  return new Html(text);
}
