import { z } from 'zod';

const booleanText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  ANJU_SQLITE_FILE: z.string().default('data/anju.db'),
  ANJU_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  ANJU_COOKIE_SECURE: booleanText.default(false),
  ANJU_BOOTSTRAP_ADMIN_USERNAME: z.string().min(1).optional(),
  ANJU_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10).optional(),
  /** scrypt cost as log2(N); 17 is OWASP's floor for scrypt, tests may lower it for speed */
  ANJU_SCRYPT_LOG_N: z.coerce.number().int().min(12).max(20).default(17),
  /** Password hashes (scrypt) in flight at once from one address, and in all: a flood waits, staff do not */
  ANJU_LOGIN_HASHES_PER_ADDRESS: z.coerce.number().int().min(1).max(64).default(1),
  ANJU_LOGIN_HASHES_TOTAL: z.coerce.number().int().min(1).max(256).default(8),
  ANJU_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Largest JSON body; uploads have their own limits. 1 MB holds a 10,000-household order or membership list */
  ANJU_JSON_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** A request (headers and body) must arrive within this time: a body sent a byte at a time is cut off */
  ANJU_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Connections one client address may hold open, and live event streams (hall screens, desks) among them */
  ANJU_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(256),
  ANJU_MAX_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(32),
  /** Deepest nesting of a JSON body; the API's deepest is 4 */
  ANJU_JSON_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
  // What an upload within ANJU_IMPORT_MAX_BYTES may unpack to. A 10,000-household roster (28,652
  // member rows) is 1.9 MB zipped, 18.5 MB unpacked, its sheet 11.5 times compressed, 350,000 cells.
  /** Bytes all entries of an .xlsx may unpack to together. */
  ANJU_IMPORT_MAX_UNZIPPED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /** Bytes one entry of an .xlsx (a sheet, the shared strings) may unpack to. */
  ANJU_IMPORT_MAX_ZIP_ENTRY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(48 * 1024 * 1024),
  /** Entries (files) in an .xlsx; Excel writes about 10, more with many sheets or pictures. */
  ANJU_IMPORT_MAX_ZIP_ENTRIES: z.coerce.number().int().positive().default(256),
  /** Unpacked ÷ packed size of any entry over 1 MiB; real sheets are 5–20, bombs 1,000. */
  ANJU_IMPORT_MAX_ZIP_RATIO: z.coerce.number().positive().default(100),
  /** Rows in a sheet (the whole workbook) or records in a CSV, titles and header included. */
  ANJU_IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(50_000),
  /** Cells in a workbook, and shared strings, which no sheet can use more of than it has cells. */
  ANJU_IMPORT_MAX_CELLS: z.coerce.number().int().positive().default(750_000),
  /** Characters in one cell; Excel itself holds at most 32,767. */
  ANJU_IMPORT_MAX_CELL_CHARS: z.coerce.number().int().positive().default(32_767),
  /** Columns read when looking for the header; data rows are read only in the matched columns. */
  ANJU_IMPORT_MAX_COLUMNS: z.coerce.number().int().positive().default(64),
  /** Problems listed in an import report; the rest are counted, not listed. */
  ANJU_IMPORT_MAX_ISSUES: z.coerce.number().int().positive().default(500),
  /** The address residents' phones reach (printed in the agreements' QR codes); default http://HOST:PORT */
  ANJU_PUBLIC_URL: z.url().optional(),
  ANJU_SIGNED_COPY_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Verify requests (page, JSON, file) one address may make in 15 minutes */
  ANJU_VERIFY_PER_ADDRESS: z.coerce.number().int().positive().default(120),
  /** Path of the agreement template; default templates/agreement.v2.txt */
  ANJU_AGREEMENT_TEMPLATE: z.string().optional(),
  /**
   * Key for an HMAC-SHA256 over every audit checkpoint. Kept outside the database (environment or a
   * secrets store) so that someone who can rewrite the database cannot forge the anchors too.
   */
  ANJU_AUDIT_HMAC_KEY: z
    .union([
      z.literal('').transform(() => undefined),
      z.string().min(32, 'ANJU_AUDIT_HMAC_KEY must be at least 32 characters (empty: no HMAC)'),
    ])
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<z.infer<typeof envSchema> & { ANJU_PUBLIC_URL: string }>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return Object.freeze({
    ...config,
    ANJU_PUBLIC_URL: config.ANJU_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
  });
}
