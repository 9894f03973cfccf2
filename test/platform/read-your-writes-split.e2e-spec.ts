import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createTestDatabase, POSITION_PATTERN, TestDatabase } from '@tally/platform';

const ROOT = join(__dirname, '../..');
const ADMIN = { email: 'root@split.test', password: 'Adm1n-pass-long-split' };
/** The API's bound for a read that names a position (READ_POSITION_WAIT_MS). */
const WAIT_MS = 2000;
const REDIS_URL = 'redis://127.0.0.1:6379/0';
/** This run's own live-ranking keys (removed at the end). */
const REDIS_PREFIX = `tally-test-split-${randomUUID()}:`;

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * Read-your-writes in the split deployment (issue 20): the real entry points as two processes on
 * one PostgreSQL database and Redis, a ROLE=api that serves HTTP and runs no projection, and a ROLE=worker
 * that runs every projection and reactor. A client writes to the API and reads back at once,
 * with the write's Tally-Position and (for the reads that fall back to streams) without it,
 * while the read models live in the other process. With the worker stopped (SIGSTOP) the
 * fallbacks still answer the written state and a read with a position answers 503 with
 * Retry-After; once the worker runs again, that read answers.
 */
describe('read your writes with ROLE=api and ROLE=worker in separate processes', () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-split-'));
  const children: ChildProcess[] = [];
  /** What each process printed (the end of it), for the message when one fails to start. */
  const output = new Map<ChildProcess, string>();
  let worker: ChildProcess;
  let base = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      // Live rankings are shared through Redis: a split deployment's processes keep no ranking of their own.
      REDIS_URL,
      VOTING_REDIS_PREFIX: REDIS_PREFIX,
      // Rate-limit counters of this run only: other runs from 127.0.0.1 share the Redis.
      RATE_LIMIT_REDIS_PREFIX: `${REDIS_PREFIX}rl:`,
      DATA_DIR: dataDir,
      TALLY_DEFAULT_TENANT: 'demo',
      TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
      BCRYPT_COST: '4',
      // Shared by both processes, as in a deployment: neither may generate its own.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      IDENTITY_PII_HMAC_KEY: randomBytes(32).toString('base64url'),
      TALLY_MASTER_KEY: randomBytes(32).toString('base64url'),
      PAYMENTS_SANDBOX_SECRET: randomBytes(16).toString('hex'),
      READ_POSITION_WAIT_MS: String(WAIT_MS),
      PROJECTIONS_POLL_MS: '20',
      LEADERBOARD_RECALC_INTERVAL_MS: '3600000',
      CONTEST_SCHEDULE_INTERVAL_MS: '3600000',
    };
    // One after the other: the first one migrates the database.
    const api = start('apps/api/src/main.ts', { ...env, ROLE: 'api' });
    await until(() => fetch(`${base}/health/live`).then((response) => response.ok, () => false), api, 90_000, () => output.get(api) ?? '');
    worker = start('apps/worker/src/main.ts', { ...env, ROLE: 'worker' });
    await until(async () => /worker running/i.test(output.get(worker) ?? ''), worker, 90_000, () => output.get(worker) ?? '');
  }, 200_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await database?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${REDIS_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  function start(entry: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer): void => void output.set(child, ((output.get(child) ?? '') + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    children.push(child);
    return child;
  }

  async function call(method: string, path: string, token?: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'X-Tenant-Id': 'demo', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  const positionOf = (answer: Answer): string => {
    const position = answer.headers.get('tally-position');
    if (!position || !POSITION_PATTERN.test(position)) throw new Error(`no Tally-Position on ${answer.status}: ${JSON.stringify(answer.body)}`);
    return position;
  };

  async function login(email: string, password: string): Promise<string> {
    const answer = await call('POST', '/api/auth/login', undefined, { email, password });
    if (answer.status !== 200) throw new Error(`login ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken as string;
  }

  it('reads its writes at once: with the position from the worker-built read models, without it from the streams, and 503 while the worker is stopped', async () => {
    const admin = await login(ADMIN.email, ADMIN.password);
    const email = `voter-${randomUUID().slice(0, 8)}@split.test`;
    const signup = await call('POST', '/api/auth/signup', undefined, { email, password: 'Voter-Horse-9' });
    const userId = signup.body.userId as string;
    const voter = await login(email, 'Voter-Horse-9');
    const created = await call('POST', '/api/events', admin, { name: 'Split show', startDate: '2026-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z', voteCap: 100 });
    const eventId = created.body.eventId as string;
    const contestantId = (await call('POST', `/api/events/${eventId}/contestants`, admin, { name: 'Ada' })).body.contestantId as string;
    expect((await call('POST', '/api/admin/events/status', admin, { eventId, status: 'open' })).status).toBe(200);

    // A voter buys votes: the payment read waits for the worker's credits reactor and hands on a position past the grant.
    const checkout = await call('POST', '/api/payments/checkout', voter, { votes: 10, currency: 'USD' });
    expect({ status: checkout.status, body: checkout.body }).toMatchObject({ status: 201 });
    const paymentId = checkout.body.paymentId as string;
    expect((await call('POST', `/api/payments/sandbox/${paymentId}/complete`, voter, {})).body).toMatchObject({ status: 'completed' });
    let payment = await call('GET', `/api/payments/${paymentId}`, voter);
    // As a client does: read again while the bound passes before the grant (a busy machine).
    for (let tries = 0; payment.body.creditsApplied === false && tries < 20; tries++) payment = await call('GET', `/api/payments/${paymentId}`, voter);
    expect(payment.body).toMatchObject({ paymentId, status: 'completed', creditsApplied: true });
    const ledger = await call('GET', '/api/votes/ledger', voter, undefined, { 'Tally-Position': positionOf(payment) });
    expect((ledger.body.items as unknown[])[0]).toMatchObject({ kind: 'grant', creditsDelta: 10, remainingVotes: 10 });

    // A vote, read back with its position: from the read models the worker builds.
    const vote = await call('POST', '/api/votes', voter, { contestantId, amount: 3 }, { 'Idempotency-Key': randomUUID() });
    expect(vote.status).toBe(201);
    const voteId = vote.body.voteId as string;
    const at = positionOf(vote);
    expect((await call('GET', `/api/votes/${voteId}?position=${at}`, voter)).body).toMatchObject({ voteId, amount: 3, status: 'accepted' });
    const board = await call('GET', `/api/leaderboard/event/${eventId}?position=${at}`);
    expect(board.body.items).toEqual([expect.objectContaining({ contestantId, votes: 3, rank: 1 })]);
    const history = await call('GET', `/api/payments/history?position=${at}`, voter);
    expect((history.body.items as { paymentId: string; status: string }[]).map((item) => [item.paymentId, item.status])).toEqual([[paymentId, 'completed']]);

    // The worker stops (caught up with everything above, so it holds no transaction open): nothing is projected now.
    worker.kill('SIGSTOP');
    try {
      const second = await call('POST', '/api/votes', voter, { contestantId, amount: 2 }, { 'Idempotency-Key': randomUUID() });
      expect(second.status).toBe(201);
      const secondId = second.body.voteId as string;
      const again = await call('POST', '/api/payments/checkout', voter, { votes: 5, currency: 'USD' });
      const pending = again.body.paymentId as string;
      const later = await call('POST', '/api/events', admin, { name: 'Made while the worker sleeps', startDate: '2026-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z', voteCap: 10 });

      // Without a position: the fallbacks answer from the streams.
      expect((await call('GET', `/api/votes/${secondId}`, voter)).body).toMatchObject({ voteId: secondId, amount: 2, status: 'accepted' });
      expect((await call('GET', `/api/votes/user/${userId}`, voter)).body.items).toEqual([expect.objectContaining({ voteId: secondId }), expect.objectContaining({ voteId })]);
      expect((await call('GET', '/api/votes/ledger', voter)).body.items).toEqual([
        expect.objectContaining({ kind: 'vote', voteId: secondId, remainingVotes: 5 }),
        expect.objectContaining({ kind: 'vote', voteId, remainingVotes: 7 }),
        expect.objectContaining({ kind: 'grant', remainingVotes: 10 }),
      ]);
      const mine = await call('GET', '/api/payments/history', voter);
      expect((mine.body.items as { paymentId: string; status: string }[]).map((item) => [item.paymentId, item.status])).toEqual([
        [pending, 'pending'],
        [paymentId, 'completed'],
      ]);
      expect((await call('GET', `/api/payments/${pending}`, voter)).body).toMatchObject({ paymentId: pending, status: 'pending' });
      expect((await call('GET', `/api/events/${later.body.eventId as string}`, admin)).body).toMatchObject({ name: 'Made while the worker sleeps' });

      // With the position: the read model is in the stopped process, so 503 with Retry-After past the bound, not a 404.
      const started = Date.now();
      const behind = await call('GET', `/api/votes/${secondId}`, voter, undefined, { 'Tally-Position': positionOf(second) });
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
      expect({ status: behind.status, type: behind.body.type, retryAfter: behind.headers.get('retry-after') }).toEqual({ status: 503, type: 'https://tally.dev/problems/read-model-behind', retryAfter: '1' });

      worker.kill('SIGCONT');
      // Once the worker runs again, the same read answers (retried as Retry-After says).
      let answered: Answer = behind;
      for (let tries = 0; answered.status === 503 && tries < 20; tries++) answered = await call('GET', `/api/votes/${secondId}`, voter, undefined, { 'Tally-Position': positionOf(second) });
      expect(answered.body).toMatchObject({ voteId: secondId, amount: 2 });
      const total = await call('GET', `/api/leaderboard/event/${eventId}?position=${positionOf(second)}`);
      expect(total.body.items).toEqual([expect.objectContaining({ contestantId, votes: 5 })]);
    } finally {
      worker.kill('SIGCONT');
    }
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, child: ChildProcess, timeoutMs: number, printed: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode} while starting:\n${printed().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for the process to start:\n${printed().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
