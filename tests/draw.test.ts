import { describe, expect, it } from 'vitest';
import { commitmentOf, listHashOf, runDraw, shuffleWithSeed, sortByCodePoint } from '../src/allocation/draw.js';

// Pinned vector for anju-draw-v1, cross-checked against an independent implementation of the
// README's description (Python, hashlib). If this test changes, every published draw breaks.
const vector = {
  codes: ['B7-003', 'B7-001', 'B7-010', 'B7-002', '张三', 'B7-020', '李四', 'B7-007'],
  secret: '5f1e3a0b9c2d4e6f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
  publicValue: '07 19 23 31 42',
  listHash: 'c253a7427c42d265aa6e1a6edb11876ffb3e4aac661565abe002c88a44728fbc',
  commitment: '3c330b2337fe6fc15fc2c0a71265a24582497b545c74e0399db64fd19067d933',
  seed: '5884c2666c5518c75be224007f1853b0470aa2ad3abb2314f6eede128b8c490c',
  order: ['B7-010', '李四', 'B7-003', 'B7-001', '张三', 'B7-002', 'B7-007', 'B7-020'],
};

describe('anju-draw-v1', () => {
  it('reproduces the pinned vector exactly', () => {
    const outcome = runDraw(vector);
    expect(outcome.listHash).toBe(vector.listHash);
    expect(outcome.commitment).toBe(vector.commitment);
    expect(outcome.seed).toBe(vector.seed);
    expect(outcome.order).toEqual(vector.order);
  });

  it('does not depend on the order the list arrives in', () => {
    expect(runDraw({ ...vector, codes: [...vector.codes].reverse() }).order).toEqual(vector.order);
  });

  it('changes completely with one character of the public value', () => {
    expect(runDraw({ ...vector, publicValue: '07 19 23 31 43' }).order).not.toEqual(vector.order);
  });

  it('hashes the list in code point order with a newline after each code', () => {
    // sha256 of the bytes "a\nb\n", as `printf 'a\nb\n' | sha256sum` prints it.
    expect(listHashOf(['b', 'a'])).toBe('911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2');
    // U+FE4F sorts before U+20000 by code point, although UTF-16 code units say the opposite.
    expect(sortByCodePoint(['\u{20000}', '\uFE4F'])).toEqual(['\uFE4F', '\u{20000}']);
    expect(commitmentOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('shuffles without bias worth noticing: each code lands first about equally often', () => {
    const codes = ['A', 'B', 'C', 'D'];
    const firsts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const seed = Buffer.alloc(32);
      seed.writeUInt32BE(i);
      const first = shuffleWithSeed(codes, seed)[0] ?? '';
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const code of codes) expect(firsts.get(code)).toBeGreaterThan(850);
  });
});
