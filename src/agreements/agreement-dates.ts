/**
 * Dates as the agreement writes them: one form everywhere on the paper, 2026年12月2日, in the body,
 * the tables and at the signatures. The dates arrive as Asia/Shanghai calendar days (YYYY-MM-DD).
 */

/** '2026-12-02' → '2026年12月2日'; anything that is not such a day (e.g. '—') is printed as it is. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

/**
 * A line of the transition table: '2023年7月1日至2026年7月1日' and, on a line of its own (the cell is
 * too narrow for both, and a break inside "36 个月" reads badly), '（36 个月 0 天）'.
 */
export function transitionPeriod(line: { fromDate: string; toDate: string; months: number; days: number }): string {
  return `${chineseDate(line.fromDate)}至${chineseDate(line.toDate)}\n（${line.months} 个月 ${line.days} 天）`;
}
