import pg from 'pg';
import {
  type BusLogger,
  type EventBus,
  type RoundEvent,
  RoundFanOut,
  type RoundListener,
  stderrLogger,
} from './event-bus.js';

/** The one channel every process sharing the database listens on. */
export const EVENT_CHANNEL = 'anju_round_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const NOTIFY_PAYLOAD_LIMIT = 8000;

/** How the listener connection shows in pg_stat_activity, so an operator can tell whose it is. */
export const listenerApplicationName = (pid: number): string => `anju-events:${pid}`;

export interface PgEventBusOptions {
  connectionString: string;
  log?: BusLogger;
  /** Reconnect backoff: the first wait, doubled each failed attempt up to the cap. */
  retryFirstMs?: number;
  retryMaxMs?: number;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function parseEvent(payload: string | undefined): RoundEvent | null {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (typeof value !== 'object' || value === null) return null;
    const { type, roundId } = value as { type?: unknown; roundId?: unknown };
    return typeof type === 'string' && typeof roundId === 'string' ? (value as RoundEvent) : null;
  } catch {
    return null;
  }
}

/**
 * Several service processes on one PostgreSQL database: every event goes out through pg_notify and
 * comes back, to this process too, only through the LISTEN connection. So each process's screens
 * see one order (the order of the notifications) and nothing twice.
 */
export class PgEventBus implements EventBus {
  private readonly fanOut = new RoundFanOut();
  // One connection: pg.Pool serves waiting queries first come first served, so a process's events
  // are notified in the order it published them.
  private readonly publisher: pg.Pool;
  private listener: pg.Client | null = null;
  private log: BusLogger;
  private closing = false;
  private failedAttempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(private readonly options: PgEventBusOptions) {
    this.log = options.log ?? stderrLogger;
    this.publisher = new pg.Pool({
      connectionString: options.connectionString,
      max: 1,
      application_name: `anju-notify:${process.pid}`,
    });
    this.publisher.on('error', (err) =>
      this.log.warn({ err: err.message }, 'event publisher connection failed; the next event opens a new one'),
    );
  }

  /** Resolves once the LISTEN is in place: a start that cannot listen fails like one that cannot connect. */
  static async start(options: PgEventBusOptions): Promise<PgEventBus> {
    const bus = new PgEventBus(options);
    try {
      await bus.connectListener();
    } catch (err) {
      await bus.publisher.end();
      throw err;
    }
    return bus;
  }

  publish(event: RoundEvent): void {
    if (this.closing)
      return void this.log.warn({ type: event.type, roundId: event.roundId }, 'event published after close; dropped');
    const payload = JSON.stringify(event);
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes >= NOTIFY_PAYLOAD_LIMIT) {
      this.log.error({ type: event.type, roundId: event.roundId, bytes }, 'event too large for NOTIFY; not sent');
      return;
    }
    const sent = this.publisher.query('select pg_notify($1, $2)', [EVENT_CHANNEL, payload]).then(
      () => undefined,
      (err: unknown) =>
        this.log.error({ err: messageOf(err), type: event.type, roundId: event.roundId }, 'event could not be sent'),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  subscribe(roundId: string, listener: RoundListener): () => void {
    return this.fanOut.subscribe(roundId, listener);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  useLogger(log: BusLogger): void {
    this.log = log;
  }

  /** Sends what is in flight, then ends both connections; no reconnect after this. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.flush();
    await this.publisher.end();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: listenerApplicationName(process.pid),
      keepAlive: true,
    });
    // Until it listens, a failure is the connect call's to report; after, it means a lost connection.
    client.on('error', (err) => this.lost(client, err.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    client.on('notification', (message) => {
      if (message.channel !== EVENT_CHANNEL) return;
      const event = parseEvent(message.payload);
      if (!event)
        return void this.log.warn({ bytes: message.payload?.length ?? 0 }, 'unreadable event notification ignored');
      this.fanOut.deliver(event, this.log);
    });
    try {
      await client.connect();
      await client.query(`listen ${EVENT_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closing) return void (await client.end().catch(() => undefined));
    this.listener = client;
  }

  private lost(client: pg.Client, reason: string): void {
    if (client !== this.listener || this.closing) return;
    this.listener = null;
    void client.end().catch(() => undefined);
    this.log.warn({ reason }, 'event listener connection lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const first = this.options.retryFirstMs ?? 200;
    const wait = Math.min(this.options.retryMaxMs ?? 10_000, first * 2 ** this.failedAttempts);
    this.reconnectTimer = setTimeout(() => void this.reconnect(), wait);
  }

  private async reconnect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.closing) return;
    try {
      await this.connectListener();
      // Screens keep their connection; what was published during the gap reached no one here,
      // so each is sent a fresh snapshot to reload from.
      this.log.info({ failedAttempts: this.failedAttempts }, 'event listener reconnected; screens told to reload');
      this.failedAttempts = 0;
      this.fanOut.resyncAll(this.log);
    } catch (err) {
      this.failedAttempts += 1;
      this.log.warn(
        { err: messageOf(err), failedAttempts: this.failedAttempts },
        'event listener reconnect failed; retrying',
      );
      this.scheduleReconnect();
    }
  }
}
