import type { Clock } from '../clock.js';

/** Counts hits per key in fixed windows; memory per key is a counter and a window start. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Whether the key is already over its limit in the current window (does not count a hit). */
  blocked(key: string): boolean {
    const w = this.current(key);
    return w !== undefined && w.count >= this.limit;
  }

  hit(key: string): void {
    const now = this.clock.now().getTime();
    const w = this.current(key);
    if (w) w.count += 1;
    else this.windows.set(key, { start: now, count: 1 });
    if (this.windows.size > 10_000) this.sweep(now);
  }

  private current(key: string) {
    const w = this.windows.get(key);
    if (w && this.clock.now().getTime() - w.start >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
