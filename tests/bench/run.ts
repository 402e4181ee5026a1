import { benchAutoAllocate, benchDraw } from './allocation.bench.js';
import { benchAgreements } from './agreements.bench.js';
import { benchDay } from './day.bench.js';
import { benchImport } from './import.bench.js';

/** `npm run bench`: prints figures; on PostgreSQL when DATABASE_URL is set, else on a fresh SQLite file. */
console.log(`Anju benchmarks · node ${process.version} · ${new Date().toISOString()}`);
await benchImport();
benchDraw();
await benchAutoAllocate();
await benchDay();
await benchAgreements();
