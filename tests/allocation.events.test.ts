import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, loadDemoProject, orderedRound, select } from './support/rounds.js';
import { openXlsx, rowTexts, XLSX_TYPE } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** An ID number standing alone: 18 digits inside an audit hash (hex) are not one. */
const STANDALONE_ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/;

let t: TestApp;
let demo: Demo;
let sup: string;
let clerk: string;
let roundId: string;
const CODES = ['B7-001', 'B7-002', 'B7-004', 'B7-006', 'B7-008', 'B7-009'];

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  [sup, clerk] = [await t.loginAs('supervisor'), await t.loginAs('signing_clerk')];
  const round = await orderedRound(t, sup, demo.projectId, {
    name: '公示轮次',
    rules: { maxExcessCenti: 1000, batchSize: 4 },
    households: CODES.map((c) => ({ householdId: demo.byCode(c).id })),
  });
  roundId = round.id;
  for (const [code, flat] of [
    ['B7-001', demo.flat(2, 15, 2)],
    ['B7-002', demo.flat(1, 12, 1)],
  ] as const) {
    const res = await select(t, clerk, roundId, demo.byCode(code).id, flat.id);
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t.close());

/** The one masking policy, written out independently: 王秀芳 → 王*芳, 王芳 → 王*. */
const masked = (name: string) => {
  const chars = [...name];
  return chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
};

async function privateFacts() {
  const ids = CODES.map((c) => demo.byCode(c).id);
  const members = await t.deps.db
    .selectFrom('householdMembers')
    .select(['name', 'idNumber'])
    .where('householdId', 'in', ids)
    .execute();
  return { names: CODES.map((c) => demo.byCode(c).headName), idNumbers: members.map((m) => m.idNumber) };
}

describe('公示: results anyone may read', () => {
  it('lists the order and the flats taken, head names masked, no ID number anywhere, without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/results` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      status: string;
      unitsLeft: number;
      rows: { position: number; code: string; headName: string; flats: string[]; buildingArea: string | null }[];
    }>();
    expect(body).toMatchObject({ status: 'ordered', unitsLeft: 94 });
    expect(body.rows.map((r) => [r.position, r.code])).toEqual(CODES.map((c, i) => [i + 1, c]));
    expect(body.rows[0]).toMatchObject({ headName: '黄*', flats: ['7#楼2单元1502室'], buildingArea: '95.18' });
    expect(body.rows[1]).toMatchObject({ headName: '姚*宏', flats: ['7#楼1单元1201室'], buildingArea: '118.36' });
    expect(body.rows[2]).toMatchObject({ flats: [], buildingArea: null });
    for (const row of body.rows) expect(row.headName).toBe(masked(demo.byCode(row.code).headName));

    const { names, idNumbers } = await privateFacts();
    for (const name of names) expect(res.body).not.toContain(name);
    for (const id of idNumbers) expect(res.body).not.toContain(id.slice(6, 14));
    expect(res.body).not.toMatch(STANDALONE_ID_NUMBER);
  });

  it('downloads the same, masked, as results.xlsx', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/results.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('results.xlsx');
    const sheet = await openXlsx(res.rawPayload);
    expect(rowTexts(sheet, 1)).toEqual(['选房顺序号', '批次', '户号', '户主', '所选房源', '建筑面积(㎡)', '备注']);
    expect(rowTexts(sheet, 2)).toEqual(['1', '1', 'B7-001', '黄*', '7#楼2单元1502室', '95.18', '']);
    // The rows, one blank row, then the audit anchor as of the download.
    expect(sheet.rowCount).toBe(1 + CODES.length + 2);
    expect(rowTexts(sheet, sheet.rowCount)[0]).toMatch(/^审计锚点：第 \d+ 条 · [0-9a-f]{16}（前 16 位）· /);
    const cells = Array.from({ length: sheet.rowCount }, (_, i) => rowTexts(sheet, i + 1)).flat();
    const { names, idNumbers } = await privateFacts();
    expect(cells.filter((c) => names.includes(c) || idNumbers.includes(c) || STANDALONE_ID_NUMBER.test(c))).toEqual([]);
  });

  it('answers an unknown round with 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/public/rounds/nope/results' })).statusCode).toBe(404);
  });
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A minimal event-stream reader over node:http, the way a hall screen's browser would listen. */
function openStream(
  port: number,
  path: string,
): Promise<{ req: ClientRequest; res: IncomingMessage; next(type: string, withinMs?: number): Promise<SseEvent> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        const events: SseEvent[] = [];
        const waiters: (() => void)[] = [];
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
          for (const wake of waiters.splice(0)) wake();
        });
        let seen = 0;
        const next = (type: string, withinMs = 1000) =>
          new Promise<SseEvent>((found, fail) => {
            const timer = setTimeout(
              () =>
                fail(
                  new Error(`no '${type}' event within ${withinMs} ms; got ${events.map((e) => e.event).join(',')}`),
                ),
              withinMs,
            );
            const look = () => {
              const i = events.findIndex((e, k) => k >= seen && e.event === type);
              const hit = events[i];
              if (!hit) return void waiters.push(look);
              seen = i + 1;
              clearTimeout(timer);
              found(hit);
            };
            look();
          });
        resolve({ req, res, next });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('live events for the hall screen', () => {
  it('sends a snapshot, then the flat and the turn as soon as a selection is made', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const stream = await openStream(port, `/public/rounds/${roundId}/events`);
    try {
      expect(stream.res.statusCode).toBe(200);
      expect(stream.res.headers['content-type']).toContain('text/event-stream');
      const snapshot = await stream.next('snapshot');
      expect(snapshot.data).toEqual({
        roundId,
        status: 'ordered',
        position: 3,
        householdCode: 'B7-004',
        batch: 1,
        unitsLeft: 94,
        serving: [],
        passed: [],
      });

      const flat = demo.flat(1, 18, 1);
      const started = Date.now();
      const res = await select(t, clerk, roundId, demo.byCode('B7-004').id, flat.id);
      expect(res.statusCode, res.body).toBe(201);
      const unit = await stream.next('unit');
      const turn = await stream.next('turn');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(unit.data).toEqual({
        type: 'unit',
        roundId,
        unitId: flat.id,
        label: '7#楼1单元1801室',
        status: 'allocated',
      });
      expect(turn.data).toEqual({
        type: 'turn',
        roundId,
        position: 4,
        householdCode: 'B7-006',
        batch: 1,
        serving: [],
        passed: [],
      });

      // A repeated request changes nothing, so it announces nothing.
      expect((await select(t, clerk, roundId, demo.byCode('B7-004').id, flat.id)).statusCode).toBe(200);
      await expect(stream.next('unit', 300)).rejects.toThrow(/no 'unit' event/);
    } finally {
      stream.req.destroy();
    }
  });

  it('answers an unknown round with 404 before opening a stream', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public/rounds/nope/events' });
    expect(res.statusCode).toBe(404);
  });

  it('ends open streams when the app closes, so the process can exit', async () => {
    const other = await createTestApp();
    const mine = await loadDemoProject(other);
    const cookie = await other.loginAs('supervisor');
    const round = await orderedRound(other, cookie, mine.projectId, {
      name: '关闭测试',
      rules: { maxExcessCenti: 1000 },
      households: [{ householdId: mine.byCode('B7-001').id }],
    });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = other.app.server.address() as AddressInfo;
    const stream = await openStream(port, `/public/rounds/${round.id}/events`);
    await stream.next('snapshot');
    const streamClosed = new Promise<void>((resolve) => stream.res.on('close', resolve));
    const closing = other.close();
    const outcome = await Promise.race([
      closing.then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 5000, 'still open')),
    ]);
    if (outcome !== 'closed') stream.req.destroy();
    await closing;
    await streamClosed;
    expect(outcome).toBe('closed');
  });
});
