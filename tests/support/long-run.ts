/**
 * The proofs under load (crash, races, fuzz) run at full size in CI (CI=true) or when
 * ANJU_LONG_TESTS=1; a developer's plain `npm test` runs them smaller so it stays quick.
 */
export const longRun = process.env.CI === 'true' || process.env.ANJU_LONG_TESTS === '1';

/** The full figure in a long run, the quick one otherwise. */
export function sized(full: number, quick: number): number {
  return longRun ? full : quick;
}
