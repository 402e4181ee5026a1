import { type ClientRequest, request as httpRequest } from 'node:http';

export interface ScreenEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A hall screen's view of one round: every event it received, in arrival order. */
export interface Screen {
  readonly events: ScreenEvent[];
  /** Resolves once `enough(events)` holds; rejects with what arrived when `withinMs` passes first. */
  waitUntil(enough: (events: readonly ScreenEvent[]) => boolean, withinMs: number, what: string): Promise<void>;
  of(type: string): ScreenEvent[];
  close(): void;
}

/**
 * Opens `/public/rounds/:id/events` over real HTTP, the way a browser's EventSource would, and
 * resolves once the snapshot has arrived (from then on the screen is subscribed).
 */
export function openScreen(baseUrl: string, roundId: string, withinMs = 15_000): Promise<Screen> {
  const url = new URL(`/public/rounds/${roundId}/events`, baseUrl);
  const events: ScreenEvent[] = [];
  const wakers = new Set<() => void>();
  let request: ClientRequest | null = null;

  const screen: Screen = {
    events,
    of: (type) => events.filter((e) => e.event === type),
    close: () => request?.destroy(),
    waitUntil(enough, waitMs, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!enough(events)) return;
          clearTimeout(timer);
          wakers.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          wakers.delete(check);
          reject(
            new Error(
              `screen ${url.host} round ${roundId}: ${what} not seen within ${waitMs} ms; got ${tallyOf(events) || 'nothing'}`,
            ),
          );
        }, waitMs);
        wakers.add(check);
        check();
      });
    },
  };

  return new Promise((resolve, reject) => {
    request = httpRequest(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`screen answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
        for (const wake of [...wakers]) wake();
      });
      screen
        .waitUntil((seen) => seen.some((e) => e.event === 'snapshot'), withinMs, 'snapshot')
        .then(() => resolve(screen), reject);
    });
    request.on('error', (err) => {
      // A screen closed by the test, or by a server shutting down, ends quietly.
      if (events.length === 0) reject(err);
    });
    request.end();
  });
}

/** "unit×4, turn×4": what a screen received, for failure messages. */
export function tallyOf(events: readonly ScreenEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${type}×${n}`).join(', ');
}
