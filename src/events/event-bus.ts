import { EventEmitter } from 'node:events';

/** What screens need to follow a round live; published after the change has committed. */
export type RoundEvent =
  | { type: 'unit'; roundId: string; unitId: string; label: string; status: string }
  | { type: 'turn'; roundId: string; position: number | null; householdCode: string | null; batch: number | null }
  | { type: 'round'; roundId: string; status: string }
  | { type: 'call'; roundId: string; position: number; maskedName: string; desk: string; stage: string }
  | { type: 'progress'; roundId: string; stage: string; outcome: string };

/**
 * In-process fan-out. One service process serves a hall; several processes behind PostgreSQL
 * would relay these through LISTEN/NOTIFY instead.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: RoundEvent): void {
    this.emitter.emit(event.roundId, event);
  }

  subscribe(roundId: string, listener: (event: RoundEvent) => void): () => void {
    this.emitter.on(roundId, listener);
    return () => this.emitter.off(roundId, listener);
  }
}
