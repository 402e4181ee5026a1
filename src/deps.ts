import type { PrintJobs } from './agreements/print-jobs.js';
import type { AgreementPrinter } from './agreements/printer.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db, DialectName } from './db/create-db.js';
import type { EventBus } from './events/event-bus.js';

/** What every service needs; built once in server.ts (or a test) and handed down. */
export interface AppDeps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  config: Config;
  events: EventBus;
  printer: AgreementPrinter;
  printJobs: PrintJobs;
}
