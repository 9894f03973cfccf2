/**
 * A Tally process started the way production starts it (`apps/api/src/main.ts` or
 * `apps/worker/src/main.ts` under NODE_ENV=production), as a child process so that a fault can
 * kill it and its CPU is its own. Output goes to a log file named in the report.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { BenchDatabase, createBenchDatabase } from './pg-bench';
import { generateVAPIDKeys } from 'web-push';

const ROOT = resolve(__dirname, '..', '..');
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchEnvironment {
  database: BenchDatabase;
  redisPrefix: string;
  dataDir: string;
  adminEmail: string;
  adminPassword: string;
  /** The environment of every Tally process of this run. */
  env(extra?: Record<string, string>): Record<string, string>;
  cleanup(): Promise<void>;
}

/** Own database, own Redis key prefix, own data dir; cleanup() removes all three. */
export async function openBenchEnvironment(): Promise<BenchEnvironment> {
  const database = await createBenchDatabase();
  const redisPrefix = `tally_bench_${randomBytes(4).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-bench-'));
  const adminEmail = 'admin@bench.test';
  const adminPassword = randomBytes(12).toString('hex');
  const vapid = generateVAPIDKeys();
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    // The bench's PostgreSQL and Redis are this machine's, reached without TLS (docs/security.md).
    ALLOW_PLAINTEXT_LOOPBACK: 'true',
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '20',
    REDIS_URL,
    VOTING_REDIS_PREFIX: redisPrefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    TALLY_DEFAULT_TENANT: 'demo',
    TALLY_BOOTSTRAP_ADMIN: `${adminEmail}:${adminPassword}`,
    // One load generator on one address would trip the default per-address limit; bench:votes
    // measures the limiter itself (BENCH_PROTECTIONS), the other benches measure other things.
    RATE_LIMITS_ENABLED: 'false',
    BCRYPT_COST: '10',
    // Production generates no secret; every process of the run shares these, as a deployment would.
    JWT_SECRET: randomBytes(32).toString('base64url'),
    IDENTITY_PII_HMAC_KEY: randomBytes(32).toString('base64url'),
    TALLY_MASTER_KEY: randomBytes(32).toString('base64url'),
    // Production needs a Web Push key pair (notifications); one per run, shared by its processes.
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
  };
  return {
    database,
    redisPrefix,
    dataDir,
    adminEmail,
    adminPassword,
    env: (extra = {}) => ({ ...base, ...extra }),
    cleanup: async () => {
      await database.drop().catch((error: unknown) => console.error(`could not drop ${database.name}:`, error));
      await deleteRedisPrefix(redisPrefix).catch((error: unknown) => console.error(`could not clean Redis prefix ${redisPrefix}:`, error));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface TallyProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** http://127.0.0.1:port for an API process. */
  url: string | null;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Node flags from a space-separated variable (BENCH_NODE_ARGS and the like), or none. */
export function nodeArgsFrom(variable: string): string[] | undefined {
  return process.env[variable]?.split(' ').filter(Boolean);
}

let nextPort = Number(process.env.BENCH_PORT ?? 3900 + Math.floor(Math.random() * 90));

export interface StartOptions {
  /** 'api' serves HTTP (ROLE=all or ROLE=api), 'worker' runs apps/worker. */
  kind: 'api' | 'worker';
  env: Record<string, string>;
  name: string;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  port?: number;
}

/** Starts a process and waits until it serves /health/live (API) or logs that it runs (worker). */
export async function startTally(options: StartOptions): Promise<TallyProcess> {
  const port = options.port ?? nextPort++;
  const entry = options.kind === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
  const logFile = join(tmpdir(), `tally-bench-${options.name}-${process.pid}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    log.write(chunk);
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = options.kind === 'api' ? `http://127.0.0.1:${port}` : null;
  const ready = async (): Promise<boolean> => {
    if (url) return fetch(`${url}/health/live`).then((response) => response.ok, () => false);
    return /worker running/i.test(output);
  };
  // BENCH_START_SECONDS: a machine loaded by other work may take longer to compile and start a process.
  const startSeconds = Number(process.env.BENCH_START_SECONDS ?? 90);
  const deadline = Date.now() + startSeconds * 1000;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await ready())) {
    if (gone) throw new Error(`${options.name} exited while starting; log ${logFile}:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not start in ${startSeconds} s; log ${logFile}:\n${output.slice(-3000)}`);
    }
    await sleep(200);
  }
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name: options.name,
    child,
    logFile,
    url,
    exited,
    kill,
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await kill('SIGTERM');
      clearTimeout(timer);
      log.end();
    },
  };
}

/**
 * CPU time (user + system, ms) a process and its children (cluster workers) have used so far,
 * from /proc (Linux).
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
    return own + childrenOf(pid).reduce((sum, child) => sum + cpuMs(child), 0);
  } catch {
    return NaN;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
