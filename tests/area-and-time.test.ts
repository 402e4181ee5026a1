import { describe, expect, it } from 'vitest';
import { formatCenti, parseAreaCenti } from '../src/shared/area.js';
import { formatShanghai, shanghaiWallToUtcIso } from '../src/shared/time.js';

describe('areas as integer hundredths of m²', () => {
  it('parses exact decimal text without floating-point drift', () => {
    expect(parseAreaCenti('10553.77')).toBe(1_055_377);
    expect(parseAreaCenti('89.5')).toBe(8_950);
    expect(parseAreaCenti('０８９．５０')).toBe(8_950);
    expect(parseAreaCenti('118.36㎡')).toBe(11_836);
    expect(parseAreaCenti('0.29')).toBe(29);
  });

  it('refuses what is not an area', () => {
    for (const bad of ['', 'abc', '89.505', '-3', '1e3', '89,5']) expect(parseAreaCenti(bad)).toBeNull();
  });

  it('formats with two decimals', () => {
    expect(formatCenti(1_055_377)).toBe('10553.77');
    expect(formatCenti(5)).toBe('0.05');
    expect(formatCenti(-250)).toBe('-2.50');
  });
});

describe('Asia/Shanghai on paper, UTC in storage', () => {
  it('converts a wall-clock signing time to UTC and back', () => {
    const iso = shanghaiWallToUtcIso(2021, 3, 15, 9, 30, 12);
    expect(iso).toBe('2021-03-15T01:30:12.000Z');
    expect(formatShanghai(iso ?? '')).toBe('2021-03-15 09:30:12');
  });

  it('refuses dates that do not exist', () => {
    expect(shanghaiWallToUtcIso(2021, 2, 29)).toBeNull();
    expect(shanghaiWallToUtcIso(2021, 13, 1)).toBeNull();
  });
});
