// @ts-check
/** Exact decimal input: "3200.50" 元 → 320050 fen, "10553.77" ㎡ → 1055377 hundredths, by string arithmetic. */

/**
 * @param {string} text what the user typed (full-width digits, spaces and thousands commas tolerated)
 * @param {string} label the field's name for the error message
 * @param {{ allowEmpty?: boolean }} [options]
 * @returns {number | null} integer hundredths; null when empty and allowed
 */
export function hundredths(text, label, options = {}) {
  const clean = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '');
  if (clean === '') {
    if (options.allowEmpty) return null;
    throw new Error(`请填写${label}`);
  }
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!match) throw new Error(`${label}格式不正确：请填写数字，最多两位小数，如 3200.50`);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(fraction);
}

/** Integer hundredths back to text with two decimals: 320050 → "3200.50". */
export function fromHundredths(/** @type {number} */ value) {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A whole number within bounds, from a number input. */
export function whole(
  /** @type {string} */ text,
  /** @type {string} */ label,
  /** @type {number} */ min,
  /** @type {number} */ max,
) {
  const clean = text.trim();
  if (!/^-?\d+$/.test(clean)) throw new Error(`请填写${label}（整数）`);
  const n = Number(clean);
  if (n < min || n > max) throw new Error(`${label}应在 ${min}–${max} 之间`);
  return n;
}
