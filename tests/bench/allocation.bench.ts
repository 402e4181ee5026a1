import { performance } from 'node:perf_hooks';
import { newSecret, runDraw } from '../../src/allocation/draw.js';
import { loadDemo } from '../../src/demo/demo.service.js';
import { systemActor } from '../../src/shared/roles.js';
import { createTestApp } from '../support/test-app.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The anju-draw-v1 shuffle of 100,000 households, pure, best of several runs. */
export function benchDraw(): void {
  const codes = Array.from({ length: 100_000 }, (_, i) => `H${String(i + 1).padStart(6, '0')}`);
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const outcome = runDraw({ codes, secret: newSecret(), publicValue: `bench ${run}` });
    times.push(performance.now() - started);
    if (outcome.order.length !== codes.length) throw new Error('draw lost households');
  }
  console.log(
    `draw: 100,000 households (sort, hash, Fisher–Yates)  median ${median(times).toFixed(0)} ms over ${times.length} runs`,
  );
}

/** Auto-allocation of the demo round (96 households, 96 flats) over HTTP, from ordered to done. */
export async function benchAutoAllocate(): Promise<void> {
  const t = await createTestApp();
  try {
    const { projectId } = await loadDemo(t.deps, systemActor('bench'));
    const cookie = await t.loginAs('supervisor');
    const rules = {
      maxExcessCenti: 4000,
      maxShortfallCenti: null,
      priority: { floorsAtMost: 3, flags: ['elderly', 'disabled'] },
      batchSize: 12,
    };
    const round = (
      await t.app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/rounds`,
        headers: { cookie },
        payload: { name: '自动分配', orderMethod: 'lottery', rules },
      })
    ).json();
    await t.app.inject({ method: 'POST', url: `/api/rounds/${round.id}/commitment`, headers: { cookie } });
    await t.app.inject({
      method: 'POST',
      url: `/api/rounds/${round.id}/draw`,
      headers: { cookie },
      payload: { publicValue: 'bench' },
    });
    const started = performance.now();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/rounds/${round.id}/auto-allocate`,
      headers: { cookie },
    });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`auto-allocate failed: ${res.body}`);
    const report = res.json();
    console.log(
      `auto-allocate: demo round, ${report.assigned} of 96 households assigned, ${report.unassigned.length} unassigned, ${ms.toFixed(0)} ms (${t.database.kind})`,
    );
  } finally {
    await t.close();
  }
}
