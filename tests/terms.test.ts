import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages } from '../src/checkin/stages.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// A round is 选房轮次 (轮次, 本轮); a batch is 批次 (第 N 批, 开放批次). These words once named a round and so
// collided with the batches of the day; none of them may come back.
const roundCalledBatch = /分房批次|本批次|新建批次|批次名单|批次协议/g;

const staticDir = resolve('src/web/static');
const staticScripts = readdirSync(staticDir).filter((name) => name.endsWith('.js'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('admin');
});
afterAll(async () => t?.close());

async function served(url: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
}

describe('a round is 选房轮次, a batch is 批次', () => {
  it('no served page, script or label calls a round a 批次', async () => {
    const pages = [
      '/supervisor',
      '/supervisor/households',
      '/supervisor/rounds',
      '/supervisor/progress',
      '/supervisor/audit',
      '/supervisor/household',
      '/supervisor/setup',
      '/admin/staff',
      '/door',
      ...stages.map((stage) => `/desk/${stage}`),
      '/static/labels.js',
      ...staticScripts.map((name) => `/static/${name}`),
    ];
    for (const url of pages) expect((await served(url)).match(roundCalledBatch), url).toBeNull();
    expect(await served('/supervisor/rounds')).toContain('新建选房轮次');
    expect(await served('/door')).toContain('开放批次号');
  });

  it('no OpenAPI summary or description calls a round a 批次', async () => {
    const spec = await served('/docs/json');
    expect(spec.match(roundCalledBatch)).toBeNull();
    expect(JSON.parse(spec).paths['/api/projects/{id}/rounds'].post.summary).toBe('新建选房轮次');
  });

  it('no source file (error messages, PDFs, templates) or the README calls a round a 批次', () => {
    const files = [...sourceFiles(resolve('src')), ...sourceFiles(resolve('templates')), resolve('README.md')];
    const offenders = files.filter((file) => readFileSync(file, 'utf8').match(roundCalledBatch) !== null);
    expect(offenders).toEqual([]);
  });
});
