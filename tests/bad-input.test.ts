import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from './support/audit.js';
import { createProjectVia, householdBody, projectBody } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let cookie: string;
let projectId: string;
const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.loginAs('supervisor');
  projectId = await createProjectVia(t.app, cookie, 'BAD');
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });

describe('bad input gets a clear Chinese 4xx and changes nothing', () => {
  it('lists every bad field of a body at once', async () => {
    const res = await post('/api/projects', {
      code: 'lower',
      name: '',
      settlementRules: { shortfallRefundFenPerM2: -1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(chinese);
    const fields = body.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'code',
        'name',
        'officeName',
        'settlementRules.shortfallRefundFenPerM2',
        'transitionRules',
      ]),
    );
    for (const issue of body.issues) expect(issue.message).toMatch(chinese);
  });

  it('names the member whose ID number fails its checksum', async () => {
    const body = householdBody('X-1', '110105194912310021');
    const res = await post(`/api/projects/${projectId}/households`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toContainEqual({
      field: 'members.0.idNumber',
      message: '身份证号校验位错误（可能有输错的数字）',
    });
  });

  it('refuses an area that is not an exact decimal', async () => {
    const res = await post(`/api/projects/${projectId}/households`, {
      ...householdBody('X-2'),
      demolishedArea: '96.405',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('demolishedArea');
    expect(res.json().message).toContain('面积');
  });

  it('refuses a household with two heads or none', async () => {
    const base = householdBody('X-3');
    const res = await post(`/api/projects/${projectId}/households`, {
      ...base,
      members: base.members.map((m) => ({ ...m, relation: '户主' })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ field: 'members' });
  });

  it('answers malformed JSON, an empty body and a wrong content type in Chinese', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(chinese);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(chinese);
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('checks query strings too', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/households?limit=abc`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('query.limit');
  });

  it('answers an unknown id with 404 and an unknown route with 404, both in Chinese', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/projects/no-such-project/households',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', message: '项目不存在' });
    const route = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
    expect(route.statusCode).toBe(404);
    expect(route.json().message).toMatch(chinese);
  });

  it('answers a duplicate 户号 or project code with 409', async () => {
    expect((await post(`/api/projects/${projectId}/households`, householdBody('D-1'))).statusCode).toBe(201);
    const again = await post(`/api/projects/${projectId}/households`, householdBody('D-1', '34052419800101001X'));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE', field: 'code' });
    const sameCode = await post('/api/projects', projectBody('BAD'));
    expect(sameCode.statusCode).toBe(409);
  });

  it('wrote no audit row for any refused request', async () => {
    const before = await auditCount(t.deps.db);
    await post('/api/projects', { code: 'lower' });
    await post(`/api/projects/${projectId}/households`, householdBody('X-9', '110105194912310021'));
    await post(`/api/projects/${projectId}/households`, householdBody('D-1', '34052419800101001X'));
    expect(await auditCount(t.deps.db)).toBe(before);
  });
});

describe('server faults', () => {
  it('answer 500 with a Chinese message and a request id, never the internal error', async () => {
    const broken = await createTestApp();
    const staff = await broken.loginAs('supervisor');
    await broken.runtime.handle.close();
    const res = await broken.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: staff } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    expect(res.json().message).toMatch(chinese);
    expect(res.json().requestId).toBeTruthy();
    expect(res.body).not.toMatch(/destroyed|kysely|sqlite|pg|stack/i);
    await broken.app.close();
    await broken.database.drop();
  });
});
