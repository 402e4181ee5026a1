import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../src/runtime.js';
import { TEMPLATE_PATH } from './support/agreement-view.js';

const dir = mkdtempSync(join(tmpdir(), 'anju-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function templateWith(change: (text: string) => string): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, change(readFileSync(TEMPLATE_PATH, 'utf8')));
  return file;
}

describe('the agreement template is checked when the service starts', () => {
  it('refuses to start on an unknown placeholder, naming it', async () => {
    const file = templateWith((text) => text.replace('：{{headName}}', '：{{headNmae}}'));
    await expect(openRuntime({ ANJU_SQLITE_FILE: join(dir, 'a.db'), ANJU_AGREEMENT_TEMPLATE: file })).rejects.toThrow(
      /headNmae/,
    );
  });

  it('refuses to start when a required placeholder is missing', async () => {
    const file = templateWith((text) => text.replaceAll('{{headIdNumber}}', '（身份证号）'));
    await expect(openRuntime({ ANJU_SQLITE_FILE: join(dir, 'b.db'), ANJU_AGREEMENT_TEMPLATE: file })).rejects.toThrow(
      /headIdNumber/,
    );
  });
});
