/**
 * Amounts in fen as they appear on paper: in figures ("12,345.67") and in 人民币大写, following
 * 中国人民银行《支付结算办法》附件《正确填写票据和结算凭证的基本规定》. Where those rules allow a
 * choice, this module takes one and keeps to it:
 *
 * - "整" after 元 (required) and also after 角 when there is no 分 ("壹拾元伍角整", "伍角整"). The
 *   rules allow either after 角; writing it closes the amount so that nothing can be added behind
 *   it, which is the purpose of 整. After 分 no 整, as the rules require.
 * - One 零 for each run of zeros between non-zero digits of the whole part, across the 万 and 亿
 *   boundaries too ("壹拾万零柒仟", "壹佰万零壹", "壹亿零壹仟"). 拾 is always preceded by its digit
 *   ("壹拾万元整"), as bank practice does to stop a digit being slipped in front.
 * - No 零 between 元 and a non-zero 角 ("壹仟陆佰捌拾元叁角贰分", allowed by the rules), but 零 between
 *   元 and 分 when 角 is zero ("壹元零伍分", required by the rules). Below one 元 the amount starts
 *   at its first non-zero unit ("伍分", "伍角整"); nothing at all is "零元整".
 * - No negative amounts: the direction of money belongs in the words around it (应补交 / 应退还),
 *   not in a "负" inside the amount. Callers pass the magnitude; a negative amount is a RangeError.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES_IN_GROUP = ['', '拾', '佰', '仟'] as const;
const GROUP_UNITS = ['', '万', '亿'] as const;

/** The units above stop at 亿; 万亿 would need a compound unit no agreement will ever print. */
const FEN_LIMIT = 100_000_000_000_000;

export function rmbCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen >= FEN_LIMIT) {
    throw new RangeError(`rmbCapital takes a whole, non-negative number of fen below 1万亿元, not ${fen}`);
  }
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenDigit = fen % 10;

  if (fen === 0) return '零元整';
  const whole = yuan > 0 ? `${wholeYuanCapital(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${whole}整`;
  if (fenDigit === 0) return `${whole}${DIGITS.charAt(jiao)}角整`;
  const jiaoPart = jiao > 0 ? `${DIGITS.charAt(jiao)}角` : yuan > 0 ? '零' : '';
  return `${whole}${jiaoPart}${DIGITS.charAt(fenDigit)}分`;
}

function wholeYuanCapital(yuan: number): string {
  const digits = String(yuan);
  let text = '';
  let zeroSinceLastDigit = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const place = digits.length - 1 - i;
    const digit = Number(digits[i]);
    if (digit === 0) {
      zeroSinceLastDigit = true;
    } else {
      if (zeroSinceLastDigit) text += '零';
      text += `${DIGITS.charAt(digit)}${PLACES_IN_GROUP[place % 4] ?? ''}`;
      zeroSinceLastDigit = false;
      groupHasDigit = true;
    }
    // A group of four that is all zeros gets no 万 of its own: "壹亿零壹仟", never "壹亿万零壹仟".
    if (place % 4 === 0 && groupHasDigit) {
      text += GROUP_UNITS[place / 4] ?? '';
      groupHasDigit = false;
    }
  }
  return text;
}

/** "12,345.67"; a refund may be shown as "-12,345.67" in tables, where a sign is expected. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatYuan takes a whole number of fen, not ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  const yuan = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${yuan}.${String(magnitude % 100).padStart(2, '0')}`;
}
