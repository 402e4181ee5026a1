import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.service.js';
import { openRuntime } from '../src/runtime.js';
import { createImportProject, login, planDay, prepareDatabase } from './support/crash/crash-setup.js';
import { CrashingServer, freePort, type RequestKind } from './support/crash/crashing-server.js';
import { DayLoad } from './support/crash/day-load.js';
import { checkDatabase } from './support/crash/db-checks.js';
import { ImportLoad } from './support/crash/import-load.js';
import { Ledger } from './support/crash/ledger.js';
import { PdfLoad } from './support/crash/pdf-load.js';
import { Prng, sleep } from './support/crash/prng.js';
import { sized } from './support/long-run.js';

const KILLS = sized(24, 5);
const seed = Number(process.env.ANJU_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Every third kill is timed at random; the others wait for an import or a PDF request to be in flight. */
const AIMS: readonly ('timed' | 'import' | 'pdf')[] = ['timed', 'import', 'pdf'];

describe('crash safety: the real server on SQLite, killed with SIGKILL during a day of work', () => {
  it(`keeps every answered promise through ${KILLS} kills`, { timeout: 900_000 }, async () => {
    console.log(`crash test seed ${seed} (replay with ANJU_CRASH_SEED=${seed}), ${KILLS} kills`);
    const started = Date.now();
    const prng = new Prng(seed);
    const file = join(tmpdir(), `anju-crash-${randomBytes(6).toString('hex')}.db`);
    const { projectId } = await prepareDatabase(file);
    const server = new CrashingServer({ ANJU_SQLITE_FILE: file }, await freePort());
    const ledger = new Ledger();
    const killed = { total: 0, duringPdf: 0, duringImport: 0, duringStage: 0 };
    let failure: unknown = null;
    try {
      await server.start();
      const chief = await login(server, 'chief');
      const plan = await planDay(server, chief, projectId);
      const otherProject = await createImportProject(server, chief);
      const cookies = {
        chief,
        pdf: await login(server, 'chief'),
        imports: await login(server, 'chief'),
        clerk: await login(server, 'clerk'),
      };

      const day = new DayLoad(server, ledger, plan, new Prng(seed + 1));
      const pdfs = new PdfLoad(server, ledger, new Prng(seed + 2), plan.roundId, {
        supervisor: cookies.pdf,
        clerk: cookies.clerk,
      });
      const imports = new ImportLoad(server, ledger, new Prng(seed + 3), cookies.imports, {
        day: projectId,
        other: otherProject,
      });
      const fail = (err: unknown) => {
        failure ??= err;
        server.abort();
      };
      const dayDone = day.run(chief).catch(fail);
      const sideLoads = Promise.all([pdfs.run().catch(fail), imports.run().catch(fail)]);

      for (let i = 0; i < KILLS && !failure; i++) {
        const aim = AIMS[i % AIMS.length] ?? 'timed';
        // Spread over the whole day: kill i waits until i/KILLS of the day's stages are done.
        while (ledger.stages.length < Math.floor((i * day.stagesInDay) / KILLS) && !failure) await sleep(50);
        const waitFrom = Date.now();
        await sleep(prng.between(150, aim === 'timed' ? 1500 : 400));
        if (aim !== 'timed') await aimAt(server, aim, prng);
        const waited = Date.now() - waitFrom;
        server.pause();
        const running: RequestKind[] = await server.kill();
        killed.total += 1;
        if (running.includes('pdf')) killed.duringPdf += 1;
        if (running.includes('import')) killed.duringImport += 1;
        if (running.includes('stage')) killed.duringStage += 1;
        const restartFrom = Date.now();
        await server.start();
        const checkFrom = Date.now();
        await checkAfterRestart(server, file, ledger, Object.values(cookies).concat(plan.desks.map((d) => d.cookie)));
        console.log(
          `kill ${killed.total}/${KILLS} aimed ${aim} after ${waited} ms, in flight [${running.join(',')}]; restart ${checkFrom - restartFrom} ms, checks ${Date.now() - checkFrom} ms; stages done ${ledger.stages.length}/${day.stagesInDay}`,
        );
        server.resume();
      }
      await dayDone;
      pdfs.stop();
      imports.stop();
      await sideLoads;
      if (failure) throw failure;

      expect(day.done()).toBe(true);
      const printed = await pdfs.printAll();
      await server.stop();
      const final = checkDatabase(file, ledger);
      expect(final.problems).toEqual([]);
      expect(final.counts.liveSelections).toBe(plan.order.length);
      const runtime = await openRuntime({ ANJU_SQLITE_FILE: file });
      try {
        expect((await verifyAuditChain(runtime.deps.db)).ok).toBe(true);
      } finally {
        await runtime.handle.close();
      }
      console.log(
        JSON.stringify({
          seed,
          kills: killed,
          restarts: server.starts - 1,
          requestsAnswered: server.answered,
          ledger: ledger.figures(),
          agreementsInForcePrinted: printed,
          database: final.counts,
          wallSeconds: Math.round((Date.now() - started) / 1000),
        }),
      );
      expect(killed.total).toBe(KILLS);
      expect(killed.duringPdf + killed.duringImport).toBeGreaterThan(0);
    } catch (err) {
      console.log(`crash test failed with seed ${seed}; last server lines:\n${server.output().slice(-15).join('\n')}`);
      throw err;
    } finally {
      server.abort();
      await server.kill();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
  });
});

/**
 * Waits for a request of this kind to be in flight and lets it run a random few milliseconds, so
 * the kill falls before, during or after its commit; gives up after a while (the kill is then timed).
 */
async function aimAt(server: CrashingServer, kind: RequestKind, prng: Prng): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await server.waitForInFlight(kind, 10_000))) return;
    await sleep(prng.between(0, 30));
    if (server.running(kind)) return;
  }
}

/** With the clients held at the gate: sessions survived, and the file keeps every promise so far. */
async function checkAfterRestart(
  server: CrashingServer,
  file: string,
  ledger: Ledger,
  cookies: string[],
): Promise<void> {
  for (const cookie of cookies) {
    const me = await server.probe({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode, 'a session must survive the kill').toBe(200);
  }
  const report = checkDatabase(file, ledger);
  expect(report.problems).toEqual([]);
  const chain = await server.probe({ method: 'GET', url: '/api/audit/verify', headers: { cookie: cookies[0] ?? '' } });
  expect(chain.json<{ ok: boolean }>().ok, chain.body).toBe(true);
}
