import { buildApp } from './app.js';
import { ensureBootstrapAdmin } from './auth/auth.service.js';
import { openRuntime } from './runtime.js';
import { systemActor } from './shared/roles.js';

const { deps, handle, applied } = await openRuntime(process.env);
const app = await buildApp(deps, { logger: { level: deps.config.LOG_LEVEL } });
deps.events.useLogger(app.log);
if (applied.length > 0) app.log.info({ applied }, 'migrations applied');

const admin = await ensureBootstrapAdmin(deps, systemActor('bootstrap'));
if (admin) app.log.info({ username: admin.username }, 'first admin account created from ANJU_BOOTSTRAP_ADMIN_*');

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  // Also ends the event bus's LISTEN connection (runtime.ts), after the screens have been closed.
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: deps.config.HOST, port: deps.config.PORT });
app.log.info(
  `Anju is serving on ${deps.dialect === 'sqlite' ? `SQLite ${deps.config.ANJU_SQLITE_FILE}` : 'PostgreSQL'}; API docs at /docs`,
);
