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
