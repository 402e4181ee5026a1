/** What screens need to follow a round live; published after the change has committed. */
export type RoundEvent =
  | { type: 'unit'; roundId: string; unitId: string; label: string; status: string }
  | {
      type: 'turn';
      roundId: string;
      position: number | null;
      householdCode: string | null;
      batch: number | null;
      serving: number[];
      passed: { position: number; reason: string }[];
    }
  | { type: 'round'; roundId: string; status: string }
  | { type: 'call'; roundId: string; position: number; maskedName: string; desk: string; stage: string }
  | { type: 'progress'; roundId: string; stage: string; outcome: string }
  /** Not a change: this process may have missed events (its listener was down); screens reload. */
  | { type: 'resync'; roundId: string };

export type RoundListener = (event: RoundEvent) => void;

/** The part of a pino logger the bus writes to; Fastify's `app.log` fits. */
export interface BusLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * How services tell screens that something changed. One process on SQLite fans out in memory;
 * processes sharing PostgreSQL relay through LISTEN/NOTIFY (pg-event-bus.ts).
 */
export interface EventBus {
  publish(event: RoundEvent): void;
  subscribe(roundId: string, listener: RoundListener): () => void;
  /** Resolves once every event published so far has left this process (is queued in the database). */
  flush(): Promise<void>;
  /** Logs go to the server's logger once it exists; until then to stderr as JSON lines. */
  useLogger(log: BusLogger): void;
  close(): Promise<void>;
}

/** Local subscribers by round. A failing screen must not stop the others, nor the publisher. */
export class RoundFanOut {
  private readonly listeners = new Map<string, Set<RoundListener>>();

  deliver(event: RoundEvent, log: BusLogger): void {
    for (const listener of [...(this.listeners.get(event.roundId) ?? [])]) {
      try {
        listener(event);
      } catch (err) {
        log.error(
          { err: err instanceof Error ? err.message : String(err), type: event.type, roundId: event.roundId },
          'a round event subscriber failed',
        );
      }
    }
  }

  /** Tells every round followed here to reload: what happened while events were lost is unknown. */
  resyncAll(log: BusLogger): void {
    for (const roundId of [...this.listeners.keys()]) this.deliver({ type: 'resync', roundId }, log);
  }

  subscribe(roundId: string, listener: RoundListener): () => void {
    const forRound = this.listeners.get(roundId) ?? new Set<RoundListener>();
    // A wrapper per subscription: the same function subscribed twice is delivered to twice.
    const entry: RoundListener = (event) => listener(event);
    forRound.add(entry);
    this.listeners.set(roundId, forRound);
    return () => {
      forRound.delete(entry);
      if (forRound.size === 0 && this.listeners.get(roundId) === forRound) this.listeners.delete(roundId);
    };
  }
}

export const stderrLogger: BusLogger = {
  info: (details, message) =>
    process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), ...details, msg: message })}\n`),
  warn: (details, message) =>
    process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), ...details, msg: message })}\n`),
  error: (details, message) =>
    process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), ...details, msg: message })}\n`),
};

/** One service process: events go straight to this process's subscribers. */
export class LocalEventBus implements EventBus {
  private readonly fanOut = new RoundFanOut();
  private log: BusLogger = stderrLogger;

  publish(event: RoundEvent): void {
    this.fanOut.deliver(event, this.log);
  }

  subscribe(roundId: string, listener: RoundListener): () => void {
    return this.fanOut.subscribe(roundId, listener);
  }

  async flush(): Promise<void> {}

  useLogger(log: BusLogger): void {
    this.log = log;
  }

  async close(): Promise<void> {}
}
