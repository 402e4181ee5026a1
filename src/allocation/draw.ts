import { createHash, randomBytes } from 'node:crypto';

/**
 * anju-draw-v1, the verifiable lottery. Everything here is pure and documented in README.md so
 * that anyone can recompute an order from the published notice without our database:
 *   list       = 户号 sorted by Unicode code point, each followed by "\n", UTF-8
 *   listHash   = sha256(list) hex;  commitment = sha256(secret hex text) hex
 *   seed       = sha256("anju-draw-v1\n" + listHash + "\n" + secret + "\n" + publicValue)
 *   stream     = sha256(seed ‖ uint32be(0)) ‖ sha256(seed ‖ uint32be(1)) ‖ …
 *   uniform(k) = next uint32be x, rejected while x ≥ floor(2^32 / k)·k; x mod k
 *   order      = Fisher–Yates on the sorted list, i from n−1 down to 1, j = uniform(i + 1)
 */
export const DRAW_ALGORITHM = 'anju-draw-v1';

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** Unicode code point order, not UTF-16 unit order: the two differ above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export const sortByCodePoint = (codes: readonly string[]): string[] => [...codes].sort(compareCodePoints);

export function canonicalList(codes: readonly string[]): string {
  return sortByCodePoint(codes)
    .map((code) => `${code}\n`)
    .join('');
}

export const listHashOf = (codes: readonly string[]): string =>
  sha256(Buffer.from(canonicalList(codes), 'utf8')).toString('hex');

export const newSecret = (): string => randomBytes(32).toString('hex');

export const commitmentOf = (secretHex: string): string => sha256(Buffer.from(secretHex, 'utf8')).toString('hex');

export function drawSeed(listHash: string, secretHex: string, publicValue: string): Buffer {
  return sha256(Buffer.from(`${DRAW_ALGORITHM}\n${listHash}\n${secretHex}\n${publicValue}`, 'utf8'));
}

/** Deterministic byte stream: block i is sha256(seed ‖ uint32be(i)). */
class SeedStream {
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly seed: Buffer) {}

  nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(this.counter++);
      this.block = sha256(Buffer.concat([this.seed, index]));
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  uniform(k: number): number {
    const limit = Math.floor(0x1_0000_0000 / k) * k;
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % k;
    }
  }
}

export function shuffleWithSeed<T>(items: readonly T[], seed: Buffer): T[] {
  const result = [...items];
  const stream = new SeedStream(seed);
  for (let i = result.length - 1; i >= 1; i--) {
    const j = stream.uniform(i + 1);
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}

export interface DrawInputs {
  codes: readonly string[];
  secret: string;
  publicValue: string;
}

export interface DrawOutcome {
  listHash: string;
  commitment: string;
  seed: string;
  /** 户号 in selection order: position 1 first. */
  order: string[];
}

export function runDraw(inputs: DrawInputs): DrawOutcome {
  const listHash = listHashOf(inputs.codes);
  const seed = drawSeed(listHash, inputs.secret, inputs.publicValue);
  return {
    listHash,
    commitment: commitmentOf(inputs.secret),
    seed: seed.toString('hex'),
    order: shuffleWithSeed(sortByCodePoint(inputs.codes), seed),
  };
}
