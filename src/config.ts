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
  ANJU_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Largest JSON body; uploads have their own limits. 1 MB holds a 10,000-household order or membership list */
  ANJU_JSON_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Deepest nesting of a JSON body; the API's deepest is 4 */
  ANJU_JSON_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
  /** The address residents' phones reach (printed in the agreements' QR codes); default http://HOST:PORT */
  ANJU_PUBLIC_URL: z.url().optional(),
  ANJU_SIGNED_COPY_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Verify requests (page, JSON, file) one address may make in 15 minutes */
  ANJU_VERIFY_PER_ADDRESS: z.coerce.number().int().positive().default(120),
  /** Path of the agreement template; default templates/agreement.v1.txt */
  ANJU_AGREEMENT_TEMPLATE: z.string().optional(),
  /**
   * Key for an HMAC-SHA256 over every audit checkpoint. Kept outside the database (environment or a
   * secrets store) so that someone who can rewrite the database cannot forge the anchors too.
   */
  ANJU_AUDIT_HMAC_KEY: z
    .union([z.literal('').transform(() => undefined), z.string().min(32, 'ANJU_AUDIT_HMAC_KEY must be at least 32 characters (empty: no HMAC)')])
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
  return Object.freeze({ ...config, ANJU_PUBLIC_URL: config.ANJU_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}` });
}
