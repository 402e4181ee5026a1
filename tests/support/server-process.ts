import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Every line the server printed (pino JSON on stdout, anything on stderr). */
  readonly output: string[];
  /** Sends SIGKILL and waits for the process to be gone: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful stop; waits for the exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Database env from createTestDatabase(), plus anything else the server should see. */
  env: Record<string, string>;
  /** A fixed port, so a restarted server keeps its address; 0 (default) picks a free one. */
  port?: number;
  timeoutMs?: number;
}

/**
 * Starts `src/server.ts` as its own process, the way `npm start` runs it, and resolves once it
 * listens. Scrypt is lowered to the test cost unless the caller sets it.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      ANJU_SCRYPT_LOG_N: '14',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const baseUrl = await waitForListening(child, output, options.timeoutMs ?? 30_000);
  const exited = once(child, 'exit');
  return {
    baseUrl,
    pid: child.pid ?? -1,
    output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitForListening(child: ChildProcess, output: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output.slice(-20).join('\n')}`));
    };
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          output.push(line);
          // Fastify's own start line: "Server listening at http://127.0.0.1:PORT"
          const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
          if (address) {
            clearTimeout(timer);
            resolve(address);
          }
        }
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    child.once('exit', (code, signal) =>
      fail(new Error(`server exited before listening (code ${code}, signal ${signal})`)),
    );
  });
}
