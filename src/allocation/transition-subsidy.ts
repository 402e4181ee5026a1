/**
 * 过渡费 (临时安置费): paid monthly from the start of the transition to the key handover.
 *
 * Monthly amount: per_person is persons × rate; per_area is demolished area (centi) × rate / 100,
 * rounded half-up to the fen; either is then raised to the household's monthly minimum.
 *
 * Counting time: whole calendar months are counted from the start date, each on the start's
 * day-of-month, clamped to the end of shorter months and always anchored to the start date
 * (start Jan 31: Feb 28/29, Mar 31, Apr 30 — never drifting to the 28th). The days left after the
 * last whole month are paid at monthly / 30 per day whatever the month's length.
 *
 * The agreed period ends standardMonths whole months after the start (same clamping); time after
 * that is paid at overdueMultiplierPercent of the monthly amount. The overdue part keeps counting
 * months from the start date too, so its months and days add up with the standard ones.
 *
 * Rounding: a line's amount is monthly × percent × (30 × months + days) / 3000, rounded half-up
 * to the fen once, so 150% of an odd monthly amount is not rounded month by month.
 *
 * Lines without any time are left out; an end before the start is a RangeError, since a caller
 * is expected to have validated the dates (an end equal to the start is simply nothing owed).
 * Products are exact (BigInt); an amount beyond 2^53 fen is an AmountOutOfRange for the caller to refuse.
 */

import type { TransitionRules } from '../projects/project-rules.js';
import { AmountOutOfRange, productDividedRoundingHalfUp } from '../shared/money.js';
import { isValidIsoDate } from '../shared/time.js';

export interface TransitionInput {
  /** 'YYYY-MM-DD': the day the household moved out. */
  startDate: string;
  /** 'YYYY-MM-DD': the key handover, or today for an estimate. */
  endDate: string;
  persons: number;
  demolishedAreaCenti: number;
}

export interface TransitionLine {
  kind: 'standard' | 'overdue';
  label: string;
  fromDate: string;
  toDate: string;
  months: number;
  days: number;
  /** Share of the monthly amount paid on this line: 100 within the agreed period. */
  ratePercent: number;
  amountFen: number;
}

export interface TransitionResult {
  monthlyFen: number;
  lines: TransitionLine[];
  totalFen: number;
}

const DAYS_PAID_PER_MONTH = 30;
const MS_PER_DAY = 86_400_000;

export function transitionSubsidy(rules: TransitionRules, input: TransitionInput): TransitionResult {
  const start = parseDate('startDate', input.startDate);
  const end = parseDate('endDate', input.endDate);
  if (dayNumber(end) < dayNumber(start)) {
    throw new RangeError(`endDate ${input.endDate} is before startDate ${input.startDate}`);
  }
  const monthlyFen = monthlyAmount(rules, input);
  const elapsed = monthsAndDays(start, end);
  const agreedEnd = addMonths(start, rules.standardMonths);
  const lines: TransitionLine[] = [];

  if (dayNumber(end) > dayNumber(agreedEnd)) {
    lines.push(line('standard', start, agreedEnd, rules.standardMonths, 0, 100, monthlyFen));
    const percent = rules.overdueMultiplierPercent;
    lines.push(
      line('overdue', agreedEnd, end, elapsed.months - rules.standardMonths, elapsed.days, percent, monthlyFen),
    );
  } else if (elapsed.months > 0 || elapsed.days > 0) {
    lines.push(line('standard', start, end, elapsed.months, elapsed.days, 100, monthlyFen));
  }
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw new AmountOutOfRange(`${totalFen} fen is beyond exact arithmetic`);
  return { monthlyFen, lines, totalFen };
}

function monthlyAmount(rules: TransitionRules, input: TransitionInput): number {
  requireCount('persons', input.persons);
  requireCount('demolishedAreaCenti', input.demolishedAreaCenti);
  const byBasis =
    rules.basis === 'per_person'
      ? input.persons * rules.monthlyRateFen
      : productDividedRoundingHalfUp([input.demolishedAreaCenti, rules.monthlyRateFen], 100);
  return Math.max(byBasis, rules.minimumMonthlyFen);
}

function line(
  kind: TransitionLine['kind'],
  from: CalendarDate,
  to: CalendarDate,
  months: number,
  days: number,
  ratePercent: number,
  monthlyFen: number,
): TransitionLine {
  const paidDays = months * DAYS_PAID_PER_MONTH + days;
  const amountFen = productDividedRoundingHalfUp([monthlyFen, ratePercent, paidDays], 100 * DAYS_PAID_PER_MONTH);
  const label = kind === 'standard' ? '约定过渡期内' : `超过约定过渡期（按 ${ratePercent}% 计发）`;
  return { kind, label, fromDate: formatDate(from), toDate: formatDate(to), months, days, ratePercent, amountFen };
}

interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

function parseDate(name: string, text: string): CalendarDate {
  if (!isValidIsoDate(text)) throw new RangeError(`${name} must be an existing date as YYYY-MM-DD, not "${text}"`);
  const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
  return { year, month, day };
}

function formatDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01, so that differences are whole days whatever the calendar. */
function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(start: CalendarDate, months: number): CalendarDate {
  const monthIndex = start.month - 1 + months;
  const year = start.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(start.day, daysInMonth(year, month)) };
}

/** Whole months from start that fit before or on end, and the days left over. */
function monthsAndDays(start: CalendarDate, end: CalendarDate): { months: number; days: number } {
  let months = (end.year - start.year) * 12 + (end.month - start.month);
  // Landing in the end's month, the anniversary can still be later in that month than the end.
  if (dayNumber(addMonths(start, months)) > dayNumber(end)) months -= 1;
  return { months, days: dayNumber(end) - dayNumber(addMonths(start, months)) };
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, not ${value}`);
}
