import { Prng } from '../crash/prng.js';

/**
 * A seeded generator (mulberry32) for the day model. Commands are chosen from the state the
 * sequence has reached (who sits at which desk, which selection ids exist), which fast-check's
 * pre-generated `fc.commands` could reach only through filters that waste most steps; a seed and
 * a sequence number replay any run exactly.
 */
export class Rng {
  private readonly prng: Prng;

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  next(): number {
    return this.prng.next();
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }

  /** Items in a random order weighted by `weight`: the first is picked with probability weight / total. */
  weightedOrder<T>(items: readonly T[], weight: (item: T) => number): T[] {
    const left = [...items];
    const out: T[] = [];
    while (left.length > 0) {
      const total = left.reduce((sum, item) => sum + weight(item), 0);
      let r = this.next() * total;
      let index = left.findIndex((item) => {
        r -= weight(item);
        return r < 0;
      });
      if (index < 0) index = left.length - 1;
      out.push(...left.splice(index, 1));
    }
    return out;
  }
}

/** Derives the seed of sequence `index` from the run's seed, so one sequence replays alone. */
export const sequenceSeed = (runSeed: number, index: number): number =>
  (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
