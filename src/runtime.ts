import { loadAgreementPrinter } from './agreements/load-printer.js';
import { PrintJobs } from './agreements/print-jobs.js';
import { systemClock } from './clock.js';
import { type Config, loadConfig } from './config.js';
import { createDb, type DbHandle } from './db/create-db.js';
import { migrateToLatest } from './db/migrator.js';
import type { AppDeps } from './deps.js';
import { type EventBus, LocalEventBus } from './events/event-bus.js';
import { PgEventBus } from './events/pg-event-bus.js';

export interface Runtime {
  deps: AppDeps;
  /** Closing it also stops the event bus, so every caller that closes the database closes both. */
  handle: DbHandle;
  applied: string[];
}

/** config → db → migrate: the start shared by the server and every CLI command. */
export async function openRuntime(env: Record<string, string | undefined>, configOverride?: Config): Promise<Runtime> {
  const config = configOverride ?? loadConfig(env);
  // Before the database: a broken template stops the start with its message, touching nothing.
  const printer = loadAgreementPrinter(config.ANJU_AGREEMENT_TEMPLATE);
  const handle = createDb({ databaseUrl: config.DATABASE_URL, sqliteFile: config.ANJU_SQLITE_FILE });
  try {
    const applied = await migrateToLatest(handle.db);
    const events = await openEventBus(config);
    const closeAll = async () => {
      await events.close();
      await handle.close();
    };
    const deps: AppDeps = {
      db: handle.db,
      dialect: handle.dialect,
      clock: systemClock,
      config,
      events,
      printer,
      printJobs: new PrintJobs(),
    };
    return { deps, handle: { ...handle, close: closeAll }, applied };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Processes sharing a PostgreSQL database keep their screens in step through it; SQLite serves one process. */
function openEventBus(config: Config): Promise<EventBus> | EventBus {
  return config.DATABASE_URL ? PgEventBus.start({ connectionString: config.DATABASE_URL }) : new LocalEventBus();
}
