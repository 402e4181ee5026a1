import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { type Answer, type InjectOptions, overHttp, type Requester } from '../http-client.js';
import { type ServerProcess, startServer } from '../server-process.js';
import { sleep } from './prng.js';

/** What a request does, so kills can be aimed at PDF issuing and imports while they run. */
export type RequestKind = 'stage' | 'pdf' | 'import' | 'other';

/** The server died before answering: the request may or may not have taken effect. */
export class OutcomeUnknown extends Error {
  constructor(
    readonly request: string,
    cause: unknown,
  ) {
    super(`no answer to ${request}`, { cause });
  }
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The server process under test, killed and restarted on the same file and port. Clients send
 * through it: a closed gate holds new requests while the server is down or being checked, and
 * requests in flight are counted by kind so a kill can land while one of them runs.
 */
export class CrashingServer {
  private process: ServerProcess | null = null;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  private readonly inFlight = new Map<RequestKind, number>();
  private readonly sent = new EventEmitter();
  private readonly http: Requester;
  private aborted = false;
  answered = 0;
  starts = 0;

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {
    this.http = overHttp(`http://127.0.0.1:${port}`);
  }

  async start(): Promise<void> {
    this.process = await startServer({ env: this.env, port: this.port, timeoutMs: 90_000 });
    this.starts += 1;
  }

  /** Holds every client's next request until `resume`. */
  pause(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  resume(): void {
    this.openGate();
  }

  /** SIGKILL: no shutdown hook, no flush beyond what SQLite already made durable. Returns the kinds in flight. */
  async kill(): Promise<RequestKind[]> {
    const running = [...this.inFlight].filter(([, n]) => n > 0).map(([kind]) => kind);
    await this.process?.kill();
    this.process = null;
    return running;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = null;
  }

  output(): string[] {
    return this.process?.output ?? [];
  }

  running(kind: RequestKind): boolean {
    return (this.inFlight.get(kind) ?? 0) > 0;
  }

  /** Resolves when a request of this kind is in flight, or false after `timeoutMs`. */
  waitForInFlight(kind: RequestKind, timeoutMs: number): Promise<boolean> {
    if (this.running(kind)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onSent = (sentKind: RequestKind) => {
        if (sentKind !== kind) return;
        clearTimeout(timer);
        this.sent.off('sent', onSent);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.sent.off('sent', onSent);
        resolve(false);
      }, timeoutMs);
      this.sent.on('sent', onSent);
    });
  }

  /** A failed run: every client's next request throws instead of waiting for a restart. */
  abort(): void {
    this.aborted = true;
    this.openGate();
  }

  /** Sends past the closed gate: the test's own checks between a restart and the clients' return. */
  probe(options: InjectOptions): Promise<Answer> {
    return this.http.inject(options);
  }

  /** Counts `work` as in flight for its whole duration (e.g. a print job being polled to its end). */
  async track<T>(kind: RequestKind, work: () => Promise<T>): Promise<T> {
    if (this.aborted) throw new Error('the crash run was aborted');
    this.inFlight.set(kind, (this.inFlight.get(kind) ?? 0) + 1);
    this.sent.emit('sent', kind);
    try {
      return await work();
    } finally {
      this.inFlight.set(kind, (this.inFlight.get(kind) ?? 1) - 1);
    }
  }

  /** Waits while the gate is closed, then sends once; a dead connection becomes OutcomeUnknown. */
  async send(kind: RequestKind, options: InjectOptions): Promise<Answer> {
    await this.gate;
    return this.track(kind, async () => {
      try {
        const answer = await this.http.inject(options);
        this.answered += 1;
        return answer;
      } catch (err) {
        throw new OutcomeUnknown(`${options.method} ${options.url}`, err);
      }
    });
  }

  /** A GET whose body is binary (a PDF): the shared requester reads bodies as text. */
  async fetchBytes(
    kind: RequestKind,
    url: string,
    cookie: string,
  ): Promise<{ statusCode: number; bytes: Buffer; etag: string | null }> {
    await this.gate;
    return this.track(kind, async () => {
      try {
        const res = await fetch(new URL(url, `http://127.0.0.1:${this.port}`), { headers: { cookie } });
        const bytes = Buffer.from(await res.arrayBuffer());
        this.answered += 1;
        return { statusCode: res.status, bytes, etag: res.headers.get('etag') };
      } catch (err) {
        throw new OutcomeUnknown(`GET ${url}`, err);
      }
    });
  }

  /** Sends until an answer arrives: for requests that are safe to repeat (reads, idempotent writes). */
  async sendUntilAnswered(kind: RequestKind, options: InjectOptions): Promise<Answer> {
    for (;;) {
      try {
        return await this.send(kind, options);
      } catch (err) {
        if (!(err instanceof OutcomeUnknown)) throw err;
        // The gate is closed before every kill; the pause only keeps an unplanned death from spinning.
        await sleep(50);
        await this.whenBack();
      }
    }
  }

  /** Waits for the gate: a client that lost an answer calls this before deciding what to do. */
  async whenBack(): Promise<void> {
    await this.gate;
    if (this.aborted) throw new Error('the crash run was aborted');
  }
}
