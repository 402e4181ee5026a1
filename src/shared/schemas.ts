import { z } from 'zod';
import { formatCenti, parseAreaCenti } from './area.js';
import { householdLimits } from './field-limits.js';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from './id-number.js';
import { normalizePersonName, normalizeText } from './text.js';

/** An area as an exact decimal string ("89.50"), parsed to integer hundredths of m². */
export const areaInput = z
  .string()
  .transform((text, ctx) => {
    const centi = parseAreaCenti(text);
    if (centi === null) {
      ctx.addIssue({ code: 'custom', message: '面积应为数字，最多两位小数，如 89.50' });
      return z.NEVER;
    }
    return centi;
  })
  .describe('面积（㎡），精确小数字符串，如 "89.50"');

export const areaOutput = z.string().describe('面积（㎡），两位小数字符串');
export const areaText = formatCenti;

export const idNumberInput = z
  .string()
  .transform((raw, ctx) => {
    const id = normalizeIdNumber(raw);
    const problem = idNumberProblem(id);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: idNumberProblemText[problem] });
      return z.NEVER;
    }
    return id;
  })
  .describe('18 位居民身份证号码，末位 x 会转为 X');

export const phoneInput = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

export const isoDateInput = z.iso.date('日期格式应为 YYYY-MM-DD');
export const isoDateTimeInput = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，含时区' });

/** A person's name as printed on papers: bidi and zero-width controls removed (see text.ts). */
export const personNameInput = z
  .string()
  .transform(normalizePersonName)
  .pipe(z.string().min(1, '请填写姓名').max(householdLimits.personName))
  .describe('姓名；双向控制符与零宽字符会被去除');

/** Short printed words beside a name (与户主关系): the same controls removed. */
export const printedWordInput = (max: number, emptyMessage: string) =>
  z.string().transform(normalizeText).pipe(z.string().min(1, emptyMessage).max(max));
