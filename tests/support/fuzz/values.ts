import fc from 'fast-check';

/** One mebibyte and a little more: bigger than any field may be, small enough to send often. */
export const HUGE = 1024 * 1024 + 7;

/** Text that has broken parsers, normalisers and file paths elsewhere. */
export const oddTexts = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e户主\u202c',
  '\u200b\u200c\u200d\ufeff',
  '王\u0301\u0308芳',
  '😀👨‍👩‍👧‍👦',
  '１２３４５',
  'Ａ－１',
  '\r\n\t',
  '\u2028\u2029',
  ['$', '{7*7}{{7*7}}'].join(''),
  "'; drop table staff; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
];

export const pathTricks = [
  '../../etc/passwd',
  '..',
  '.',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f',
  '/etc/passwd',
  'C:\\Windows\\system32\\config\\SAM',
  '\\\\server\\share\\x.xlsx',
  'file:///etc/passwd',
  'a.xlsx\u0000.png',
  'CON',
  '~/.ssh/id_rsa',
];

/** ID numbers that look right and are not: wrong check digit, 17 or 19 chars, lowercase x, letters, full-width. */
export const badIdNumbers = [
  '110105194912310022',
  '11010519491231002',
  '1101051949123100211',
  '11010519491231002x',
  '11010519491231002Y',
  'ABCDEFGHIJKLMNOPQR',
  '１１０１０５１９４９１２３１００２１',
  '110105194902300021',
  '000000000000000000',
  '11010519491231002X ',
];

export const badDates = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2025-02-29',
  '0000-00-00',
  '2026-2-3',
  '2026-02-28T24:00:00Z',
  '2026/02/28',
  '99999-01-01',
  '1e10',
];

export const badAreas = [
  '-1',
  '-0.01',
  '-0',
  '0',
  '1e308',
  'NaN',
  'Infinity',
  '89.505',
  '８９.５０',
  ' 89.50 ',
  '99999999999999999999.99',
  '0x10',
  '89,50',
  '1_000',
];

export const edgeNumbers = [
  -1,
  -0,
  0,
  0.5,
  -0.01,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 63,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER + 2,
  1e-320,
];

/** Numbers written as text, which JSON-minded coercion might accept. */
export const numberTexts = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x1F',
  ' 1',
  '１',
  '1.0',
  '9007199254740993',
  '',
];

const hugeText = fc.constantFrom('a'.repeat(HUGE), '中'.repeat(HUGE / 3), '\u0301'.repeat(HUGE / 2));

export const oddString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...oddTexts, ...pathTricks, ...badIdNumbers, ...badDates, ...badAreas, ...numberTexts),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 5000 }) },
  { weight: 1, arbitrary: hugeText },
);

/** Any JSON value of the wrong kind: the generators swap a field for one of these. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...edgeNumbers, null, true, false, [], {}, [null], { '': 1 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 5000 }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A value for a field whose name says what it holds: the domain's own bad inputs. */
export function hintedBadValue(field: string): fc.Arbitrary<unknown> | undefined {
  const name = field.toLowerCase();
  if (name.includes('idnumber') || name === 'idsuffix') return fc.constantFrom(...badIdNumbers);
  if (name.includes('area')) return fc.constantFrom(...badAreas);
  if (name.includes('date') || name.endsWith('at')) return fc.constantFrom(...badDates);
  if (name.endsWith('id') || name.endsWith('ids') || name === 'number' || name === 'name' || name === 'code')
    return fc.constantFrom(...pathTricks, ...oddTexts);
  if (name.includes('fen') || name.includes('centi') || name.includes('percent') || name.includes('months'))
    return fc.constantFrom<unknown>(...edgeNumbers, ...numberTexts);
  return undefined;
}
