/**
 * Each part returns false when it saw something broken (the HTTP load run: any 5xx). Imported
 * on demand, so running one part does not load the others (playwright, exceljs, …).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: benches with no target return Promise<void>
const parts: Record<string, () => Promise<boolean | void>> = {
  import: async () => (await import('./import.bench.js')).benchImport(),
  draw: async () => (await import('./allocation.bench.js')).benchDraw(),
  allocate: async () => (await import('./allocation.bench.js')).benchAutoAllocate(),
  day: async () => (await import('./day.bench.js')).benchDay(),
  agreements: async () => (await import('./agreements.bench.js')).benchAgreements(),
  http: async () => (await import('./http-load.js')).benchHttpLoad(),
  login: async () => (await import('./login.bench.js')).benchLogin(),
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
