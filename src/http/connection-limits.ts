import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Open connections per client address, counted as the server accepts them: one address holding
 * thousands of sockets (13,800 event streams from two clients were accepted) starves everyone.
 * Over the cap a new connection is closed at once, before any request is read.
 */
export function capConnectionsPerAddress(app: FastifyInstance, maxPerAddress: number): void {
  const open = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** Counts what one address holds open of a kind (event streams): `take` is false over the cap. */
export class PerAddressCounter {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  take(address: string): boolean {
    const count = this.held.get(address) ?? 0;
    if (count >= this.max) return false;
    this.held.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const left = (this.held.get(address) ?? 1) - 1;
    if (left <= 0) this.held.delete(address);
    else this.held.set(address, left);
  }
}
