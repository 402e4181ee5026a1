import { performance } from 'node:perf_hooks';
import type { LoadClient } from './http-load-client.js';
import { callEventKey, unitEventKey } from './http-load-desks.js';
import type { RouteRecorder } from './http-load-stats.js';

/** hall.js waits this long after a flat or turn event before fetching the results once. */
const RESULTS_DEBOUNCE_MS = 250;

type ScreenKind = 'hall' | 'board';
type EventData = { position?: number; desk?: string; stage?: string; unitId?: string; status?: string };

/**
 * A hall screen or sales board as its script behaves: load the page and its scripts, follow the
 * round's event stream, reload the flats on each (re)connection snapshot, and — the hall — fetch
 * the results again shortly after each flat or turn event. Records when each event arrived.
 */
export class Screen {
  /** Event key → performance.now() when this screen had it. */
  readonly received = new Map<string, number>();
  private readonly abort = new AbortController();
  private resultsTimer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: LoadClient,
    private readonly recorder: RouteRecorder,
    readonly roundId: string,
    private readonly kind: ScreenKind,
  ) {}

  async open(): Promise<void> {
    await loadPage(this.client, `/${this.kind}/${this.roundId}`);
    const sentAt = performance.now();
    const res = await fetch(new URL(`/public/rounds/${this.roundId}/events`, this.client.baseUrl), {
      signal: this.abort.signal,
      headers: { accept: 'text/event-stream' },
    });
    this.recorder.record('GET /public/rounds/:id/events (connect)', res.status, performance.now() - sentAt);
    if (res.status !== 200 || !res.body) throw new Error(`event stream: ${res.status}`);
    this.reading = this.read(res.body).catch((error: unknown) => {
      if (!this.abort.signal.aborted) throw error;
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.resultsTimer);
    this.abort.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of body) {
      const at = performance.now();
      pending += decoder.decode(chunk, { stream: true });
      const blocks = pending.split('\n\n');
      pending = blocks.pop() ?? '';
      for (const block of blocks) this.onBlock(block, at);
    }
  }

  private onBlock(block: string, at: number): void {
    const lines = block.split('\n');
    const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
    if (!name || !data) return; // heartbeat comment
    const event = JSON.parse(data) as EventData;
    if (name === 'snapshot') return void this.loadData();
    if (name === 'call') this.received.set(callEventKey(event.position ?? -1, event.desk ?? '', event.stage ?? ''), at);
    if (name === 'unit') this.received.set(unitEventKey(event.unitId ?? '', event.status ?? ''), at);
    if (this.kind === 'hall' && (name === 'unit' || name === 'turn')) {
      clearTimeout(this.resultsTimer);
      this.resultsTimer = setTimeout(
        () => void this.client.request('GET', `/public/rounds/${this.roundId}/results`),
        RESULTS_DEBOUNCE_MS,
      );
    }
  }

  private loadData(): void {
    void this.client.request('GET', `/public/rounds/${this.roundId}/units`);
    if (this.kind === 'hall') void this.client.request('GET', `/public/rounds/${this.roundId}/results`);
  }
}

/** The page, then every /static/ file it or its scripts name, once each, like a browser with an empty cache. */
async function loadPage(client: LoadClient, path: string): Promise<void> {
  const seen = new Set<string>();
  const queue = [path];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const res = await client.request('GET', url);
    for (const match of res.body.matchAll(/["'](\/static\/[a-z0-9-]+\.[a-z0-9]+)["']/g)) {
      const file = match[1] ?? '';
      if (!seen.has(file)) {
        seen.add(file);
        queue.push(file);
      }
    }
  }
}

/** Live-update latency: for each desk action, each screen of its round, event arrival − desk's send (and − desk's answer). */
export function screenLatencies(
  screens: readonly Screen[],
  causes: readonly { roundId: string; key: string; sentAt: number; answeredAt: number }[],
) {
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  let missing = 0;
  for (const cause of causes) {
    for (const screen of screens) {
      if (screen.roundId !== cause.roundId) continue;
      const at = screen.received.get(cause.key);
      if (at === undefined) {
        missing += 1;
        continue;
      }
      fromSend.push(at - cause.sentAt);
      fromAnswer.push(at - cause.answeredAt);
    }
  }
  return { fromSend, fromAnswer, missing };
}
