import { describe, expect, it } from 'vitest';
import { idCheckChar, idNumberProblem, normalizeIdNumber } from '../src/shared/id-number.js';
import { maskIdNumber, maskName } from '../src/shared/masking.js';

describe('GB 11643-1999 ID numbers', () => {
  it('accepts the standard example with an X check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  it('normalises a lower-case x and full-width digits before checking', () => {
    const id = normalizeIdNumber('１１０１０５１９４９１２３１００２x');
    expect(id).toBe('11010519491231002X');
    expect(idNumberProblem(id)).toBeNull();
  });

  it('computes every check character position of MOD 11-2', () => {
    // Published examples, then enough bodies that all eleven check characters appear.
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idNumberProblem('440524188001010014')).toBeNull();
    expect(idNumberProblem('34052419800101001X')).toBeNull();
    const checks = new Set(
      Array.from({ length: 200 }, (_, i) => idCheckChar(`6201031985071${String(i).padStart(4, '0')}`)),
    );
    expect([...checks].sort().join('')).toBe('0123456789X');
  });

  it('names the problem with a wrong check digit, length, characters or birth date', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('11010519491231002')).toBe('length');
    expect(idNumberProblem('1101051949123100AX')).toBe('characters');
    const badDate = `11010519490231002`;
    expect(idNumberProblem(`${badDate}${idCheckChar(badDate)}`)).toBe('birthDate');
  });

  it('masks for public notices: region and the last four stay', () => {
    expect(maskIdNumber('62010319850715001X')).toBe('6201**********001X');
    expect(maskName('王秀芳')).toBe('王*芳');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳建国')).toBe('欧**国');
  });
});
