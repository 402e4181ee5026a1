/**
 * numerator / divisor rounded half-up, for non-negative safe integers. Integer remainder instead
 * of Math.round on a float quotient: x.5 fen must always go up, whatever the binary fraction says.
 */
export function divideRoundingHalfUp(numerator: number, divisor: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0 || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new RangeError(`cannot divide ${numerator} by ${divisor} exactly in whole fen`);
  }
  const remainder = numerator % divisor;
  const quotient = (numerator - remainder) / divisor;
  return remainder * 2 >= divisor ? quotient + 1 : quotient;
}

/** An amount too large to hold exactly in whole fen: the rules or dates behind it are out of any real range. */
export class AmountOutOfRange extends RangeError {}

/**
 * (factors multiplied) / divisor rounded half-up, exact whatever the size of the product: rate ×
 * percent × days can pass 2^53 long before the amount does. Refuses a result that is not a safe
 * integer with AmountOutOfRange.
 */
export function productDividedRoundingHalfUp(factors: number[], divisor: number): number {
  if (factors.some((f) => !Number.isSafeInteger(f) || f < 0) || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new RangeError(`cannot divide ${factors.join(' × ')} by ${divisor} exactly in whole fen`);
  }
  const numerator = factors.reduce((product, f) => product * BigInt(f), 1n);
  const big = BigInt(divisor);
  const remainder = numerator % big;
  const quotient = (numerator - remainder) / big + (remainder * 2n >= big ? 1n : 0n);
  if (quotient > BigInt(Number.MAX_SAFE_INTEGER))
    throw new AmountOutOfRange(`${quotient} fen is beyond exact arithmetic`);
  return Number(quotient);
}
