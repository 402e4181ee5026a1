import { describe, expect, it } from 'vitest';
import { type TransitionInput, transitionSubsidy } from '../src/allocation/transition-subsidy.js';
import { exampleTransitionRules, type TransitionRules } from '../src/projects/project-rules.js';

// exampleTransitionRules: per_area, 12.00 元/㎡/month, at least 800.00 元 a month, 36 months, ×2 after.
const rules = exampleTransitionRules;

/** 89.50㎡ demolished: 8,950 × 1,200 / 100 = 107,400 fen (1,074.00 元) a month. */
const household = { persons: 3, demolishedAreaCenti: 8_950 };
const MONTHLY = 107_400;

const onePersonRules = (monthlyRateFen: number, overrides: Partial<TransitionRules> = {}): TransitionRules => ({
  basis: 'per_person',
  monthlyRateFen,
  minimumMonthlyFen: 0,
  standardMonths: 36,
  overdueMultiplierPercent: 200,
  ...overrides,
});

type Household = Omit<TransitionInput, 'startDate' | 'endDate'>;

function subsidy(startDate: string, endDate: string, r: TransitionRules = rules, who: Household = household) {
  return transitionSubsidy(r, { startDate, endDate, ...who });
}

describe('the agreed period and the overdue border', () => {
  it('pays exactly the agreed 36 months when the keys come on the anniversary', () => {
    const result = subsidy('2019-06-01', '2022-06-01');
    expect(result).toEqual({
      monthlyFen: MONTHLY,
      lines: [
        {
          kind: 'standard',
          label: '约定过渡期内',
          fromDate: '2019-06-01',
          toDate: '2022-06-01',
          months: 36,
          days: 0,
          ratePercent: 100,
          amountFen: 3_866_400, // 36 × 107,400
        },
      ],
      totalFen: 3_866_400,
    });
  });

  it('pays the days past the agreed period at the overdue rate', () => {
    const result = subsidy('2019-06-01', '2022-06-16');
    expect(result.lines[1]).toEqual({
      kind: 'overdue',
      label: '超过约定过渡期（按 200% 计发）',
      fromDate: '2022-06-01',
      toDate: '2022-06-16',
      months: 0,
      days: 15,
      ratePercent: 200,
      amountFen: 107_400, // 107,400 × 2 × 15 / 30
    });
    expect(result.lines[0]).toMatchObject({ months: 36, days: 0, toDate: '2022-06-01', amountFen: 3_866_400 });
    expect(result.totalFen).toBe(3_973_800);
  });

  it('counts overdue whole months and days', () => {
    // 2019-06-01 → 2022-08-01 is 38 months, then 9 days: overdue 2 months 9 days at ×2.
    // 107,400 × 2 × (60 + 9) / 30 = 494,040
    const result = subsidy('2019-06-01', '2022-08-10');
    expect(result.lines.map((l) => [l.kind, l.months, l.days, l.amountFen])).toEqual([
      ['standard', 36, 0, 3_866_400],
      ['overdue', 2, 9, 494_040],
    ]);
    expect(result.totalFen).toBe(4_360_440);
  });

  it('stays in the agreed period up to its last day', () => {
    // 35 months to 2022-05-01, then 19 days: 107,400 × (35 × 30 + 19) / 30 = 3,827,020
    const result = subsidy('2019-06-01', '2022-05-20');
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ kind: 'standard', months: 35, days: 19, amountFen: 3_827_020 });
    expect(result.totalFen).toBe(3_827_020);
  });

  it('finds the border on a clamped month end and keeps counting from the start date', () => {
    const sixMonths = { ...rules, standardMonths: 6 };
    // 2021-08-31 + 6 months = 2022-02-28: the agreed period ends there.
    expect(subsidy('2021-08-31', '2022-02-28', sixMonths).lines.map((l) => l.kind)).toEqual(['standard']);
    const oneDayOver = subsidy('2021-08-31', '2022-03-01', sixMonths);
    // 644,400 for six months + 107,400 × 2 × 1 / 30 = 7,160
    expect(oneDayOver.lines[1]).toMatchObject({ fromDate: '2022-02-28', months: 0, days: 1, amountFen: 7_160 });
    expect(oneDayOver.totalFen).toBe(651_560);
    // Month 7 is 2022-03-31 (the start's 31st), not 2022-03-28: one whole overdue month, no days.
    expect(subsidy('2021-08-31', '2022-03-31', sixMonths).lines[1]).toMatchObject({
      months: 1,
      days: 0,
      amountFen: 214_800,
    });
  });
});

describe('the monthly amount', () => {
  it('pays per person', () => {
    const result = subsidy('2023-01-01', '2023-02-01', onePersonRules(50_000, { minimumMonthlyFen: 80_000 }));
    expect(result.monthlyFen).toBe(150_000); // 3 persons × 500 元
    expect(result.totalFen).toBe(150_000);
  });

  it('ignores the demolished area when paying per person, and persons when paying per area', () => {
    const perPerson = onePersonRules(50_000);
    expect(subsidy('2023-01-01', '2023-02-01', perPerson, { persons: 2, demolishedAreaCenti: 99_999 }).monthlyFen).toBe(
      100_000,
    );
    expect(subsidy('2023-01-01', '2023-02-01', rules, { persons: 9, demolishedAreaCenti: 8_950 }).monthlyFen).toBe(
      MONTHLY,
    );
  });

  it('raises a small household to the monthly minimum', () => {
    const perPerson = onePersonRules(50_000, { minimumMonthlyFen: 80_000 });
    expect(subsidy('2023-01-01', '2023-02-01', perPerson, { persons: 1, demolishedAreaCenti: 0 }).monthlyFen).toBe(
      80_000,
    );
    expect(subsidy('2023-01-01', '2023-02-01', perPerson, { persons: 0, demolishedAreaCenti: 0 }).monthlyFen).toBe(
      80_000,
    );
    // 50.00㎡ × 12 元 = 600 元 < 800 元
    const small = subsidy('2023-01-01', '2023-03-01', rules, { persons: 1, demolishedAreaCenti: 5_000 });
    expect(small.monthlyFen).toBe(80_000);
    expect(small.totalFen).toBe(160_000);
  });

  it('rounds a per-area monthly amount half-up to the fen', () => {
    const perArea = { ...rules, monthlyRateFen: 1_250, minimumMonthlyFen: 0 };
    // 89.25㎡ × 12.50 元 = 1,115.625 元 → 111,563 fen; 89.23㎡ → 1,115.375 元 → 111,538 fen
    expect(subsidy('2023-01-01', '2023-01-01', perArea, { persons: 1, demolishedAreaCenti: 8_925 }).monthlyFen).toBe(
      111_563,
    );
    expect(subsidy('2023-01-01', '2023-01-01', perArea, { persons: 1, demolishedAreaCenti: 8_923 }).monthlyFen).toBe(
      111_538,
    );
    // 89.51㎡ × 12.34 元 = 1,104.5534 元 → 110,455 fen
    const odd = { ...perArea, monthlyRateFen: 1_234 };
    expect(subsidy('2023-01-01', '2023-01-01', odd, { persons: 1, demolishedAreaCenti: 8_951 }).monthlyFen).toBe(
      110_455,
    );
  });
});

describe('days beyond whole months, at monthly / 30', () => {
  it('rounds the day part half-up', () => {
    const r = onePersonRules(100_000);
    const one = { persons: 1, demolishedAreaCenti: 0 };
    expect(subsidy('2023-03-01', '2023-03-02', r, one).totalFen).toBe(3_333); // 3,333.33
    expect(subsidy('2023-03-01', '2023-03-03', r, one).totalFen).toBe(6_667); // 6,666.67
    expect(subsidy('2023-03-01', '2023-03-16', onePersonRules(80_001), one).totalFen).toBe(40_001); // 40,000.5
  });

  it('rounds once per line, not month by month', () => {
    const r = onePersonRules(80_001, { standardMonths: 1, overdueMultiplierPercent: 150 });
    // Overdue 2 months at 150%: 80,001 × 1.5 × 2 = 240,003 exactly; rounding 120,001.5 a month first would give 240,004.
    const result = subsidy('2023-01-01', '2023-04-01', r, { persons: 1, demolishedAreaCenti: 0 });
    expect(result.lines.map((l) => l.amountFen)).toEqual([80_001, 240_003]);
    expect(result.totalFen).toBe(320_004);
  });

  it('owes nothing when the keys come on the start date', () => {
    expect(subsidy('2023-05-10', '2023-05-10')).toEqual({ monthlyFen: MONTHLY, lines: [], totalFen: 0 });
  });
});

describe('calendar months', () => {
  const monthsAndDays = (start: string, end: string) => subsidy(start, end).lines.map((l) => [l.months, l.days]);

  it('clamps the 31st to the end of February, in leap and common years', () => {
    expect(monthsAndDays('2020-01-31', '2020-02-29')).toEqual([[1, 0]]);
    expect(monthsAndDays('2020-01-31', '2020-02-28')).toEqual([[0, 28]]);
    expect(monthsAndDays('2021-01-31', '2021-02-28')).toEqual([[1, 0]]);
    expect(monthsAndDays('2021-01-31', '2021-02-27')).toEqual([[0, 27]]);
  });

  it('anchors later months to the start date, not to the clamped month before', () => {
    expect(monthsAndDays('2021-01-31', '2021-03-31')).toEqual([[2, 0]]);
    // One month to 2021-02-28, then 30 days to 2021-03-30, paid as 30/30: 2 × 107,400.
    expect(monthsAndDays('2021-01-31', '2021-03-30')).toEqual([[1, 30]]);
    expect(subsidy('2021-01-31', '2021-03-30').totalFen).toBe(214_800);
    expect(monthsAndDays('2020-01-31', '2020-04-30')).toEqual([[3, 0]]);
  });

  it('counts the leap day among the days', () => {
    expect(monthsAndDays('2020-02-10', '2020-03-05')).toEqual([[0, 24]]); // 19 days of February + 5
    expect(monthsAndDays('2021-02-10', '2021-03-05')).toEqual([[0, 23]]);
    expect(monthsAndDays('2019-12-15', '2021-01-14')).toEqual([[12, 30]]); // 2020-12-15 → 2021-01-14
  });
});

describe('input the caller should have refused', () => {
  it('throws a RangeError for an end before the start', () => {
    expect(() => subsidy('2022-06-02', '2022-06-01')).toThrow(RangeError);
  });

  it('throws a RangeError for dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2021-02-29', '2021/03/01', '2021-3-1', '']) {
      expect(() => subsidy('2021-01-01', bad)).toThrow(RangeError);
      expect(() => subsidy(bad, '2022-01-01')).toThrow(RangeError);
    }
  });

  it('throws a RangeError for negative or fractional persons and areas', () => {
    expect(() => subsidy('2021-01-01', '2021-02-01', rules, { persons: -1, demolishedAreaCenti: 8_950 })).toThrow(
      RangeError,
    );
    expect(() => subsidy('2021-01-01', '2021-02-01', rules, { persons: 1, demolishedAreaCenti: 89.5 })).toThrow(
      RangeError,
    );
  });
});
