import { benchAutoAllocate, benchDraw } from './allocation.bench.js';
import { benchAgreements } from './agreements.bench.js';
import { benchDay } from './day.bench.js';
import { benchHttpLoad } from './http-load.js';
import { benchImport } from './import.bench.js';

/** Each part returns false when it saw something broken (the HTTP load run: any 5xx). */
const parts: Record<string, () => Promise<boolean | void> | boolean | void> = {
  import: benchImport,
  draw: benchDraw,
  allocate: benchAutoAllocate,
  day: benchDay,
  agreements: benchAgreements,
  http: benchHttpLoad,
};

/**
 * `npm run bench`: prints figures; on PostgreSQL when DATABASE_URL is set, else on a fresh SQLite
 * file. `npm run bench -- http day` runs only the named parts; no name runs them all.
 */
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`unknown bench part: ${unknown.join(', ')}; known: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
console.log(`Anju benchmarks · node ${process.version} · ${new Date().toISOString()}`);
let broken = false;
for (const [name, run] of Object.entries(parts)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  if ((await run()) === false) broken = true;
}
if (broken) {
  console.error('bench: something failed (see above)');
  process.exitCode = 1;
}
