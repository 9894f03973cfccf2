import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * Real PostgreSQL and Redis replication for tests and drills (issue 18), on servers of their own:
 * - startPrimary(): a throw-away PostgreSQL 15 cluster (initdb in a temp dir, a free port). The
 *   machine's shared server on 5432 is never stopped, promoted or reconfigured (other tests run
 *   on it; its pg_hba.conf has no `replication` line, so it cannot be base-backed up anyway).
 * - startStandby(primary): pg_basebackup of it and a hot standby streaming from it.
 * - startRedisReplica(): `redis-server --replicaof` the local Redis on a free port.
 * Servers run as the `postgres` OS user when the tests run as root (initdb refuses root). Every
 * handle's stop() is safe to call twice and after a failure; callers stop them in afterAll.
 */

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

export interface PgServer {
  port: number;
  dir: string;
  /** postgresql://postgres@127.0.0.1:<port>/<database>. */
  url(database?: string): string;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<Row[]>;
  /** pg_ctl promote (a standby becomes a primary), waiting until it accepts writes. */
  promote(): Promise<void>;
  /** Stops it at once (immediate: as a crash would) or cleanly; the files go with stop({ remove: true }). */
  stop(options?: { mode?: 'immediate' | 'fast'; remove?: boolean }): Promise<void>;
  /** The end of the server's log, for a failing test's message. */
  log(): Promise<string>;
  /** How many lines of the server's log contain `text` (with log_statement=all: how often it ran a statement). */
  countInLog(text: string): number;
}

/** Whether this machine has the PostgreSQL binaries the helper needs. */
export function replicationAvailable(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_basebackup'));
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * TLS for a primary: ssl=on with this certificate and key (PEM), and connections to the
 * `requiredFor` databases refused unless encrypted (hostnossl … reject), so a client that
 * reaches them is known to have used TLS. Other databases still take plaintext (url(), query()).
 */
export interface PgServerTls {
  cert: string;
  key: string;
  requiredFor: string[];
}

/**
 * A new primary. `synchronousStandbys: true` makes every commit wait until a standby has it
 * (synchronous_standby_names = '*'): the setting under which a failover loses no acknowledged write.
 */
export async function startPrimary(options: { synchronousStandbys?: boolean; logStatements?: boolean; tls?: PgServerTls } = {}): Promise<PgServer> {
  const dir = ownedTempDir('tally-pg-primary-');
  const port = await freePort();
  try {
    await pg('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
    if (options.tls) serveTls(dir, options.tls);
    const settings = [
      `port=${port}`,
      "listen_addresses='127.0.0.1'",
      `unix_socket_directories='${dir}'`,
      'wal_level=replica',
      'max_wal_senders=10',
      // Standbys (and a base backup taken while another runs) stream WAL without slots: keep enough of it.
      "wal_keep_size='256MB'",
      'max_connections=200',
      // A throw-away cluster: durability comes from the standby in the drill, not the disk.
      'fsync=off',
      'full_page_writes=off',
      ...(options.synchronousStandbys ? ["synchronous_standby_names='*'", 'synchronous_commit=on'] : []),
      // Every statement in the server's log: a test can tell which server answered a read.
      ...(options.logStatements ? ["log_statement='all'"] : []),
    ];
    await pg('sh', ['-c', `printf '%s\\n' ${settings.map((s) => `"${s}"`).join(' ')} >> ${join(dir, 'data', 'postgresql.auto.conf')} && echo 'host replication all 127.0.0.1/32 trust' >> ${join(dir, 'data', 'pg_hba.conf')}`], true);
    await pg('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    return server(dir, port);
  } catch (error) {
    await pg('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the server's certificate and key where PostgreSQL wants them (its own, mode 600) and refuses plaintext to the named databases. */
function serveTls(dir: string, tls: PgServerTls): void {
  const data = join(dir, 'data');
  for (const [file, pem] of [['server.crt', tls.cert], ['server.key', tls.key]]) {
    writeFileSync(join(data, file), pem, { mode: 0o600 });
    if (asRoot) chownSync(join(data, file), postgresUser().uid, postgresUser().gid);
  }
  writeFileSync(join(data, 'postgresql.auto.conf'), "ssl=on\nssl_cert_file='server.crt'\nssl_key_file='server.key'\n", { flag: 'a' });
  // pg_hba.conf is read top down, first match wins: the refusals go before initdb's trust lines.
  const hba = join(data, 'pg_hba.conf');
  writeFileSync(hba, `${tls.requiredFor.map((database) => `hostnossl ${database} all all reject\n`).join('')}${readFileSync(hba, 'utf8')}`);
}

/** A hot standby of `primary`, streaming from it (pg_basebackup -R). */
export async function startStandby(primary: PgServer, options: { name?: string; logStatements?: boolean } = {}): Promise<PgServer> {
  const dir = ownedTempDir('tally-pg-standby-');
  const port = await freePort();
  const name = options.name ?? `standby_${port}`;
  try {
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', join(dir, 'data'), '-R', '-X', 'stream', '--no-sync', '-c', 'fast', '-d', `application_name=${name}`]);
    const settings = [`port=${port}`, `unix_socket_directories='${dir}'`, 'hot_standby=on', "synchronous_standby_names=''", `log_statement='${options.logStatements ? 'all' : 'none'}'`];
    await pg('sh', ['-c', `printf '%s\\n' ${settings.map((s) => `"${s}"`).join(' ')} >> ${join(dir, 'data', 'postgresql.auto.conf')}`], true);
    await pg('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    return server(dir, port);
  } catch (error) {
    await pg('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface RedisReplica {
  port: number;
  url: string;
  /** The replica's INFO replication fields. */
  info(): Promise<Record<string, string>>;
  /** How many times the replica has run `command` (INFO commandstats): which server served a read. */
  calls(command: string): Promise<number>;
  stop(): Promise<void>;
}

/** A Redis replica of the local Redis (127.0.0.1:6379 unless `primaryPort`), keeping nothing on disk. */
export async function startRedisReplica(primaryPort = 6379): Promise<RedisReplica> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tally-redis-replica-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--replicaof', '127.0.0.1', String(primaryPort), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  // Refused until the server listens: the retry strategy reconnects; the errors say nothing new.
  client.on('error', () => undefined);
  const info = async (): Promise<Record<string, string>> => {
    const text = await client.info('replication');
    return Object.fromEntries(text.split('\r\n').filter((line) => line.includes(':')).map((line) => line.split(':', 2) as [string, string]));
  };
  const calls = async (command: string): Promise<number> => Number(new RegExp(`cmdstat_${command.toLowerCase()}:calls=(\\d+)`).exec(await client.info('commandstats'))?.[1] ?? 0);
  const stop = async (): Promise<void> => {
    client.disconnect();
    await stopRedisServer(child, dir);
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await info().catch(() => undefined);
      if (state?.master_link_status === 'up') break;
      if (Date.now() > deadline) throw new Error(`Redis replica on ${port} did not sync with ${primaryPort}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `redis://127.0.0.1:${port}/0`, info, calls, stop };
}

/** Stops a redis-server this file or another test helper spawned (SIGTERM, waits for it) and removes its directory. */
export async function stopRedisServer(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

function server(dir: string, port: number): PgServer {
  let stopped = false;
  const url = (database = 'postgres'): string => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const query = async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<Row[]> => {
    const client = new Client({ connectionString: url(database), connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    port,
    dir,
    url,
    query,
    promote: async () => {
      await pg('pg_ctl', ['-D', join(dir, 'data'), '-w', '-t', '60', 'promote']);
      const deadline = Date.now() + 30_000;
      while ((await query<{ recovering: boolean }>('select pg_is_in_recovery() as recovering'))[0].recovering) {
        if (Date.now() > deadline) throw new Error(`${port} did not leave recovery`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async ({ mode = 'immediate', remove = true } = {}) => {
      if (!stopped) {
        stopped = true;
        await pg('pg_ctl', ['-D', join(dir, 'data'), '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
      }
      if (remove) rmSync(dir, { recursive: true, force: true });
    },
    log: async () => (await run('tail', ['-n', '40', join(dir, 'log')]).catch(() => ({ stdout: '' }))).stdout,
    countInLog: (text) => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((line) => line.includes(text)).length : 0),
  };
}

/** A temp dir the server's OS user owns (mode 700, as PostgreSQL wants its data directory's parent usable). */
function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

let cachedUser: { uid: number; gid: number } | undefined;
function postgresUser(): { uid: number; gid: number } {
  if (cachedUser) return cachedUser;
  cachedUser = { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) };
  return cachedUser;
}

/** Runs a PostgreSQL binary (or `sh` when `shell`) as the postgres OS user when we are root. */
async function pg(command: string, args: string[], shell = false): Promise<void> {
  const binary = shell ? command : join(BIN, command);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  try {
    await run(file, argv, { timeout: 120_000 });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} failed: ${failed.stderr || failed.stdout || failed.message}`);
  }
}
