import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// The assets stay beside this module's source: src/web/static, also when running from dist/.
const STATIC_DIR = [
  resolve(import.meta.dirname, 'static'),
  resolve(import.meta.dirname, '..', '..', '..', 'src', 'web', 'static'),
].find(existsSync);

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Read once at start: a handful of small files, served from memory with no path handling at request time. */
export function loadStaticFiles(): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!STATIC_DIR) throw new Error('src/web/static not found');
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(resolve(STATIC_DIR, name)), type });
  }
  return files;
}
