// @ts-check
/**
 * anju-draw-v1 recomputed in the browser with WebCrypto, byte for byte as src/allocation/draw.ts
 * (and the README) define it, so a resident's phone can check a published notice on its own:
 *   list = 户号 sorted by code point, each followed by "\n";  listHash = sha256(list)
 *   commitment = sha256(secret text);  seed = sha256("anju-draw-v1\n" + listHash + "\n" + secret + "\n" + publicValue)
 *   stream block i = sha256(seed ‖ uint32be(i));  Fisher–Yates from the end with rejection sampling.
 * No DOM here, so the tests can run it on the pinned vector in a bare page.
 */

export const DRAW_ALGORITHM = 'anju-draw-v1';
const utf8 = new TextEncoder();

/** @param {Uint8Array<ArrayBuffer>} bytes */
async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** @param {Uint8Array} bytes */
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Unicode code point order, not UTF-16 unit order. @param {string} a @param {string} b */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Deterministic uint32 stream from the seed: one sha256 block per 8 numbers. @param {Uint8Array} seed */
function seedStream(seed) {
  let block = new Uint8Array(0);
  let offset = 0;
  let counter = 0;
  const nextUint32 = async () => {
    if (offset + 4 > block.length) {
      const input = new Uint8Array(seed.length + 4);
      input.set(seed);
      new DataView(input.buffer).setUint32(seed.length, counter++);
      block = await sha256(input);
      offset = 0;
    }
    const value = new DataView(block.buffer).getUint32(offset);
    offset += 4;
    return value;
  };
  /** @param {number} k */
  const uniform = async (k) => {
    const limit = Math.floor(0x1_0000_0000 / k) * k;
    for (;;) {
      const x = await nextUint32();
      if (x < limit) return x % k;
    }
  };
  return { uniform };
}

/**
 * @param {{ households: readonly string[], secret: string, publicValue: string }} inputs
 * @returns {Promise<{ listHash: string, commitment: string, seed: string, order: string[] }>}
 */
export async function recomputeDraw(inputs) {
  const sorted = [...inputs.households].sort(compareCodePoints);
  const listHash = hex(await sha256(utf8.encode(sorted.map((code) => `${code}\n`).join(''))));
  const commitment = hex(await sha256(utf8.encode(inputs.secret)));
  const seed = await sha256(utf8.encode(`${DRAW_ALGORITHM}\n${listHash}\n${inputs.secret}\n${inputs.publicValue}`));
  const order = [...sorted];
  const stream = seedStream(seed);
  for (let i = order.length - 1; i >= 1; i--) {
    const j = await stream.uniform(i + 1);
    const a = order[i] ?? '';
    order[i] = order[j] ?? '';
    order[j] = a;
  }
  return { listHash, commitment, seed: hex(seed), order };
}

/**
 * What a notice claims, as printed on it.
 * @typedef {{ households: string[], listHash: string, commitment: string, secret: string,
 *   publicValue: string, seed: string | null, order: string[] }} PublishedDraw
 */

/**
 * Recomputes a published draw and names, in Chinese, every value that does not match.
 * @param {PublishedDraw} published
 * @returns {Promise<{ ok: boolean, problems: string[], order: string[] }>}
 */
export async function checkPublishedDraw(published) {
  const outcome = await recomputeDraw(published);
  /** @type {string[]} */
  const problems = [];
  if (outcome.listHash !== published.listHash)
    problems.push(`名单哈希不一致：按名单算得 ${outcome.listHash}，公示为 ${published.listHash}`);
  if (outcome.commitment !== published.commitment)
    problems.push(`承诺值不一致：由密钥算得 ${outcome.commitment}，公示为 ${published.commitment}`);
  if (published.seed !== null && outcome.seed !== published.seed)
    problems.push(`种子不一致：算得 ${outcome.seed}，公示为 ${published.seed}`);
  const at = outcome.order.findIndex((code, i) => published.order[i] !== code);
  if (at >= 0 || published.order.length !== outcome.order.length) {
    const position = at >= 0 ? at : outcome.order.length;
    problems.push(
      `选房顺序第 ${position + 1} 位不一致：算得 ${outcome.order[position] ?? '（无）'}，公示为 ${published.order[position] ?? '（无）'}`,
    );
  }
  const sorted = [...published.households].sort(compareCodePoints);
  if (sorted.join('\n') !== published.households.join('\n')) problems.push('参与户名单未按码位排序');
  return { ok: problems.length === 0, problems, order: outcome.order };
}
