import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-db.js';

/** Slow bodies, idle sockets and event streams against a real listening server, with small limits. */
let database: TestDatabase;
let server: ServerProcess;
let host: string;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({
    env: {
      ...database.env,
      ANJU_REQUEST_TIMEOUT_MS: '1500',
      ANJU_MAX_CONNECTIONS_PER_ADDRESS: '20',
      ANJU_MAX_STREAMS_PER_ADDRESS: '3',
    },
  });
  host = new URL(server.baseUrl).hostname;
  port = Number(new URL(server.baseUrl).port);
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const openSocket = (from: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host, port, localAddress: from }, () => resolve(socket));
    socket.once('error', reject);
  });
const closedWithin = (socket: Socket, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
const stream = (from: string, roundId = 'no-such-round') =>
  new Promise<{ status: number; req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
    const req = httpRequest(
      { host, port, path: `/public/rounds/${roundId}/events`, localAddress: from, agent: false },
      (res) => resolve({ status: res.statusCode ?? 0, req, res }),
    );
    req.once('error', reject);
    req.end();
  });

describe('connections that hold the server', () => {
  it('cuts off a body sent a byte at a time once the request timeout passes (it stayed open past 40 s)', async () => {
    const socket = await openSocket('127.0.0.4');
    socket.write(
      `POST /public/verify/FJW-2026-0001/file HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/pdf\r\nContent-Length: 100\r\n\r\n`,
    );
    const drip = setInterval(() => !socket.destroyed && socket.write('%'), 400);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const closed = await closedWithin(socket, 6000);
    clearInterval(drip);
    socket.destroy();
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes connections over the per-address cap at once, and serves other addresses', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, () => openSocket('127.0.0.5')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = await openSocket('127.0.0.5');
    expect(await closedWithin(extra, 2000)).toBe(true);
    const other = await fetch(`${server.baseUrl}/health`);
    expect(other.status).toBe(200);
    for (const socket of held) socket.destroy();
  });

  it('caps live event streams per address with a Chinese 429, and frees a place when a screen leaves', async () => {
    // An unknown round is answered 404 without a stream; the cap counts the streams that were opened.
    const unknown = await stream('127.0.0.6');
    expect(unknown.status).toBe(404);
    unknown.res.resume();
    const round = await roundId();
    const open = [await stream('127.0.0.7', round), await stream('127.0.0.7', round), await stream('127.0.0.7', round)];
    expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = await stream('127.0.0.7', round);
    expect(refused.status).toBe(429);
    const body = await new Promise<string>((resolve) => {
      let text = '';
      refused.res.on('data', (c: Buffer) => (text += c.toString()));
      refused.res.on('end', () => resolve(text));
    });
    expect(JSON.parse(body)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('实时画面过多') });
    const elsewhere = await stream('127.0.0.8', round);
    expect(elsewhere.status).toBe(200);
    elsewhere.req.destroy();
    open[0]?.req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await stream('127.0.0.7', round);
    expect(again.status).toBe(200);
    for (const s of [...open, again]) s.req.destroy();
  });
});

/** A round to follow: the demo loaded through the server's own CLI would be slow, so one minimal round over the API. */
async function roundId(): Promise<string> {
  const { openRuntime } = await import('../src/runtime.js');
  const { systemActor } = await import('../src/shared/roles.js');
  const { loadDemo } = await import('../src/demo/demo.service.js');
  const { createRound } = await import('../src/allocation/rounds.service.js');
  const runtime = await openRuntime(database.env);
  try {
    const { projectId } = await loadDemo(runtime.deps, systemActor('demo'));
    const round = await createRound(runtime.deps, systemActor('test'), projectId, {
      name: '画面',
      orderMethod: 'lottery',
      rules: { maxExcessCenti: 1000 },
    });
    return round.id;
  } finally {
    await runtime.handle.close();
  }
}
