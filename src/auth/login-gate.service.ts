import { recordAudit } from '../audit/audit.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import { login } from './auth.service.js';
import { clearFailures, failuresOf, recentFailures, saveFailure } from './login-failures.repo.js';
import { addressSubject, afterFailure, userSubject, waitFor } from './login-policy.js';

/**
 * Password hashes in flight, per address and in all. scrypt is meant to be slow (about 0.1 s and
 * 128 MB at the default cost) and runs on a small thread pool: 100 wrong logins at once used to
 * queue a correct one behind them for 45 s. Past the cap a login waits its turn in a short line
 * (desks behind one address may all log in at 8:00), and past the line it is refused at once,
 * before any hashing. Counted in this process.
 */
export class HashGate {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private total = 0;

  constructor(
    private readonly maxPerAddress: number,
    private readonly maxTotal: number,
    private readonly maxWaitingPerAddress = 32,
  ) {}

  async enter(address: string): Promise<void> {
    if (this.free(address)) return this.take(address);
    const line = this.waiting.get(address) ?? [];
    if (line.length >= this.maxWaitingPerAddress)
      throw new AppError('RATE_LIMITED', '同一地址同时提交的登录过多，请稍候再试');
    if (this.total >= this.maxTotal && this.waitingCount() >= this.maxTotal * 4)
      throw new AppError('SERVICE_BUSY', '登录请求较多，请稍候几秒再试');
    await new Promise<void>((resolve) => {
      line.push(resolve);
      this.waiting.set(address, line);
    });
  }

  leave(address: string): void {
    const mine = (this.inFlight.get(address) ?? 1) - 1;
    if (mine <= 0) this.inFlight.delete(address);
    else this.inFlight.set(address, mine);
    this.total -= 1;
    this.wakeNext();
  }

  private free(address: string): boolean {
    return (this.inFlight.get(address) ?? 0) < this.maxPerAddress && this.total < this.maxTotal;
  }

  private take(address: string): void {
    this.inFlight.set(address, (this.inFlight.get(address) ?? 0) + 1);
    this.total += 1;
  }

  /** The first waiting login whose address has a free slot goes next (addresses in arrival order). */
  private wakeNext(): void {
    for (const [address, line] of this.waiting) {
      if (!this.free(address)) continue;
      const resolve = line.shift();
      if (line.length === 0) this.waiting.delete(address);
      if (resolve) {
        this.take(address);
        resolve();
      }
      return;
    }
  }

  private waitingCount(): number {
    let count = 0;
    for (const line of this.waiting.values()) count += line.length;
    return count;
  }
}

export class LoginDelayed extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `登录失败次数较多，请 ${retryAfterSeconds} 秒后再试；如账号被他人尝试，请联系系统管理员`);
  }
}

/** Login with the failures counted before any hashing: a delayed username or a blocked address costs no scrypt. */
export async function guardedLogin(
  deps: AppDeps,
  gate: HashGate,
  input: { username: string; password: string },
  address: string,
) {
  const subjects = [userSubject(input.username), addressSubject(address)];
  const now = deps.clock.now();
  const rows = await failuresOf(deps.db, subjects);
  const wait = Math.max(0, ...rows.map((row) => waitFor(row, now)));
  if (wait > 0) throw new LoginDelayed(Math.ceil(wait / 1000));
  await gate.enter(address);
  try {
    const result = await login(deps, input);
    await clearFailures(deps.db, subjects[0] ?? '');
    return result;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') await recordFailure(deps, subjects);
    throw error;
  } finally {
    gate.leave(address);
  }
}

async function recordFailure(deps: AppDeps, subjects: string[]): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await failuresOf(trx, subjects);
    for (const subject of subjects)
      await saveFailure(
        trx,
        afterFailure(
          rows.find((r) => r.subject === subject),
          subject,
          now,
        ),
      );
  });
}

export function listLoginFailures(deps: AppDeps) {
  return recentFailures(deps.db, 500);
}

/** An administrator lets a username (or an address) try again at once; audited. */
export async function clearLoginFailures(deps: AppDeps, actor: Actor, subject: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const [row] = await failuresOf(trx, [subject]);
    if (!row) throw new AppError('NOT_FOUND', '该账号或地址没有登录失败记录', { field: 'subject' });
    await clearFailures(trx, subject);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'auth.failures_cleared',
        entityType: 'login',
        entityId: subject,
        before: { failures: row.failures, nextAllowedAt: row.nextAllowedAt },
      },
    ]);
  });
}
