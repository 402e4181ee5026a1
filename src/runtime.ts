import { systemClock } from './clock.js';
import { loadConfig, type Config } from './config.js';
import { createDb, type DbHandle } from './db/create-db.js';
import { migrateToLatest } from './db/migrator.js';
import type { AppDeps } from './deps.js';
import { EventBus } from './events/event-bus.js';

export interface Runtime {
  deps: AppDeps;
  handle: DbHandle;
  applied: string[];
}

/** config → db → migrate: the start shared by the server and every CLI command. */
export async function openRuntime(env: Record<string, string | undefined>, configOverride?: Config): Promise<Runtime> {
  const config = configOverride ?? loadConfig(env);
  const handle = createDb({ databaseUrl: config.DATABASE_URL, sqliteFile: config.ANJU_SQLITE_FILE });
  try {
    const applied = await migrateToLatest(handle.db);
    return { deps: { db: handle.db, dialect: handle.dialect, clock: systemClock, config, events: new EventBus() }, handle, applied };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
