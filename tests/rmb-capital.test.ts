import { describe, expect, it } from 'vitest';
import { formatYuan, rmbCapital } from '../src/allocation/rmb-capital.js';

/** Reads a capital amount back into fen, so that a sweep can check the words say the number. */
function capitalToFen(text: string): number {
  const digits = '零壹贰叁肆伍陆柒捌玖';
  const places: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  let yuan = 0;
  let group = 0;
  let digit = 0;
  let fen = 0;
  for (const char of text) {
    if (digits.includes(char)) digit = digits.indexOf(char);
    else if (char in places) [group, digit] = [group + digit * (places[char] ?? 0), 0];
    else if (char === '亿' || char === '万')
      [yuan, group, digit] = [yuan + (group + digit) * (char === '亿' ? 1e8 : 1e4), 0, 0];
    else if (char === '元') [yuan, group, digit] = [yuan + group + digit, 0, 0];
    else if (char === '角') [fen, digit] = [fen + digit * 10, 0];
    else if (char === '分') [fen, digit] = [fen + digit, 0];
    else if (char !== '整') throw new Error(`unexpected ${char} in ${text}`);
  }
  return yuan * 100 + fen;
}

/** Digits drawn so that zeros come in runs, where the 零 rules live. */
function amountsWithZeroRuns(count: number): number[] {
  let state = 20_240_601;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + (next() % 14);
    let text = '';
    for (let i = 0; i < length; i++) text += next() % 2 === 0 ? '0' : String(next() % 10);
    return Number(text);
  });
}

describe('rmbCapital: the examples of the payment rules and the brief', () => {
  it.each([
    [10_000, '壹佰元整'],
    [1_234_567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [100_500, '壹仟零伍元整'],
    [5, '伍分'],
    [0, '零元整'],
    [10_000_000, '壹拾万元整'],
    [100_000_100, '壹佰万零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    // 《正确填写票据和结算凭证的基本规定》: ￥1409.50, ￥6007.14, ￥16409.02, ￥325.04.
    [140_950, '壹仟肆佰零玖元伍角整'],
    [600_714, '陆仟零柒元壹角肆分'],
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'],
    [32_504, '叁佰贰拾伍元零肆分'],
  ])('%i fen → %s', (fen, expected) => {
    expect(rmbCapital(fen)).toBe(expected);
  });
});

describe('rmbCapital: the choices this module makes', () => {
  it('writes 整 after 角 when there is no 分, and never after 分', () => {
    expect(rmbCapital(1_050)).toBe('壹拾元伍角整');
    expect(rmbCapital(50)).toBe('伍角整');
    expect(rmbCapital(1_055)).toBe('壹拾元伍角伍分');
  });

  it('starts below one 元 at the first non-zero unit', () => {
    expect(rmbCapital(15)).toBe('壹角伍分');
    expect(rmbCapital(1)).toBe('壹分');
    expect(rmbCapital(90)).toBe('玖角整');
  });

  it('writes 零 between 元 and 分 but not between 元 and a non-zero 角', () => {
    expect(rmbCapital(105)).toBe('壹元零伍分');
    expect(rmbCapital(168_032)).toBe('壹仟陆佰捌拾元叁角贰分');
    expect(rmbCapital(1_000_001)).toBe('壹万元零壹分');
  });

  it('keeps the digit before 拾 wherever it stands', () => {
    expect(rmbCapital(1_000)).toBe('壹拾元整');
    expect(rmbCapital(1_100)).toBe('壹拾壹元整');
    expect(rmbCapital(11_000)).toBe('壹佰壹拾元整');
    expect(rmbCapital(11_000_000)).toBe('壹拾壹万元整');
  });

  it('writes one 零 for a run of zeros, across the 万 boundary too', () => {
    expect(rmbCapital(10_700_053)).toBe('壹拾万零柒仟元伍角叁分'); // 107000.53: 万位 is the zero
    expect(rmbCapital(101_000_000)).toBe('壹佰零壹万元整'); // 1,010,000 元
    // 2,030,400.06 元: 贰佰|零|叁万|零|肆佰 元 零陆分
    expect(rmbCapital(203_040_006)).toBe('贰佰零叁万零肆佰元零陆分');
  });

  it('handles the 亿 level and skips the 万 of an all-zero group', () => {
    expect(rmbCapital(10_000_000_000)).toBe('壹亿元整');
    expect(rmbCapital(10_000_100_000)).toBe('壹亿零壹仟元整'); // 100,001,000 元
    expect(rmbCapital(11_000_000_000)).toBe('壹亿壹仟万元整'); // 110,000,000 元
    expect(rmbCapital(10_010_000_000)).toBe('壹亿零壹拾万元整'); // 100,100,000 元
    expect(rmbCapital(99_999_999_999_999)).toBe('玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });

  it('refuses negative, fractional and out-of-range amounts instead of guessing', () => {
    for (const bad of [-1, -100, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 100_000_000_000_000]) {
      expect(() => rmbCapital(bad)).toThrow(RangeError);
    }
  });
});

describe('rmbCapital: every amount in a sweep', () => {
  const sweep = [...Array.from({ length: 200_001 }, (_, i) => i), ...amountsWithZeroRuns(20_000)];

  it('reads back as the amount it was written for', () => {
    const wrong = sweep.filter((fen) => capitalToFen(rmbCapital(fen)) !== fen);
    expect(wrong).toEqual([]);
  });

  it('never starts with or doubles 零, puts 零 before a unit, or leaves a group unit without a digit', () => {
    const malformed = /^零|零零|零[元万亿角分整]|^[万亿元]|[万亿]万|万亿/;
    const bad = sweep.filter((fen) => fen > 0 && malformed.test(rmbCapital(fen)));
    expect(bad).toEqual([]);
  });

  it('ends in 整 exactly when there is no 分', () => {
    const bad = sweep.filter((fen) => rmbCapital(fen).endsWith('整') !== (fen % 10 === 0));
    expect(bad).toEqual([]);
  });
});

describe('formatYuan', () => {
  it.each([
    [1_234_567, '12,345.67'],
    [0, '0.00'],
    [5, '0.05'],
    [99_900, '999.00'],
    [100_000, '1,000.00'],
    [100_000_000, '1,000,000.00'],
    [-1_234_567, '-12,345.67'],
    [-5, '-0.05'],
  ])('%i fen → %s', (fen, expected) => {
    expect(formatYuan(fen)).toBe(expected);
  });

  it('refuses a fractional number of fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});
