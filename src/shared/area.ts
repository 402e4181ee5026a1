/** Areas travel as exact decimal strings ("89.50") and live as integer hundredths of m². */
const DECIMAL = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

export function parseAreaCenti(text: string): number | null {
  const match = DECIMAL.exec(
    text
      .normalize('NFKC')
      .trim()
      .replace(/(㎡|m2|平方米|平米)$/i, '')
      .trim(),
  );
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

export function formatCenti(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
