// @ts-check
/**
 * The one way to write HTML in the pages: the `html` tagged template escapes every value it is
 * given; `raw()` is the only way in for markup, and the result of a nested `html` template is such
 * markup, so templates compose without escaping twice. `setHtml` is the only place that writes
 * innerHTML, and it takes only template results. The server has the same contract in
 * src/shared/html.ts. No DOM at load time, so tests can import it outside a browser.
 */

/** Markup that is trusted as it stands: made by `html` or marked by `raw`. */
export class Html {
  /** @param {string} text */
  constructor(text) {
    /** @readonly */
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/**
 * What a template accepts: text and numbers (escaped), markup, nothing (null, undefined, false), or lists of these.
 * @typedef {string | number | Html | null | undefined | false | readonly HtmlValue[]} HtmlValue
 */

/** Escapes text for HTML element content and attribute values (quoted). @param {string} text */
export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Marks markup as trusted: only for text that is HTML by construction. @param {string} text */
export function raw(text) {
  return new Html(String(text));
}

/** @param {HtmlValue} value @returns {string} */
function part(value) {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template whose values are escaped unless they are `Html`; arrays are joined with nothing between.
 * @param {TemplateStringsArray} strings
 * @param {HtmlValue[]} values
 */
export function html(strings, ...values) {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += part(value) + (strings[i + 1] ?? '');
  });
  return new Html(text);
}

/** Replaces an element's content with a template result (never a plain string). @param {Element} element @param {Html} content */
export function setHtml(element, content) {
  element.innerHTML = content.text;
}
