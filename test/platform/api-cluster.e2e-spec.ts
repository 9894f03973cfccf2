import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { Scrape } from '../observability/metrics-scrape';

/**
 * API_WORKERS=2 through the real entry point: the primary forks two HTTP workers that migrate
 * one at a time and share the port, replaces a worker that dies while the other keeps
 * answering, and stops them all on SIGTERM.
 */
describe('API cluster (API_WORKERS)', () => {
  let database: TestDatabase;
  let primary: ChildProcess | undefined;
  let failing: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-cluster-'));

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    // Also after a timeout: a process left running would outlive the test run.
    for (const parent of [primary, failing]) if (parent?.pid) for (const pid of [...workersOf(parent.pid), parent.pid]) killQuietly(pid);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from two workers, replaces a dead one and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ROLE: 'api', API_WORKERS: '2', PORT: String(port), HOST: '127.0.0.1' };
    primary = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '../..'), env, stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = primary.pid!;
    // The primary says which workers listen; a connection only ever goes to one of those.
    const listening: number[] = [];
    primary.stdout!.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/API worker (\d+) listening/g)) listening.push(Number(match[1]));
    });
    // A new connection per check: a kept-alive one to a killed worker dies with it, as it would for any client.
    const live = (): Promise<boolean> =>
      new Promise((resolve) => {
        get({ host: '127.0.0.1', port, path: '/health/live', agent: false }, (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        }).on('error', () => resolve(false));
      });

    // Both workers started (and migrated, one at a time) and listen. Each compiles the app at start
    // (swc): on two cores at load 20 that took over 90 s, hence the generous bounds here.
    await waitFor(async () => listening.length === 2, 240_000);
    expect((await Promise.all(Array.from({ length: 20 }, live))).every(Boolean)).toBe(true);
    // A scrape answers for the whole cluster (libs/observability cluster-metrics.ts): the primary
    // hands out connections round-robin, so the 20 checks went to both workers, and every scrape,
    // whichever worker it reaches, counts all 20. Without the aggregation each would see its share.
    for (let scrape = 0; scrape < 4; scrape++) {
      expect(new Scrape(await text(port, '/metrics')).sum('tally_http_requests_total', { route: '/health/live' })).toBe(20);
    }
    const [victim, survivor] = listening;
    expect(workersOf(pid).sort((a, b) => a - b)).toEqual([victim, survivor].sort((a, b) => a - b));

    process.kill(victim, 'SIGKILL');
    await waitFor(async () => !workersOf(pid).includes(victim), 10_000);
    // A connection handed to the victim in the instant it died is reset, as with any crash; once
    // the primary has taken it out of the rotation, the survivor answers everything.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answers = await Promise.all(Array.from({ length: 20 }, live));
    expect(answers.every(Boolean)).toBe(true);
    // The replacement starts and listens.
    await waitFor(async () => listening.length === 3, 180_000);
    expect(workersOf(pid).sort((a, b) => a - b)).toEqual([survivor, listening[2]].sort((a, b) => a - b));
    expect(await live()).toBe(true);

    const exited = new Promise<number | null>((resolve) => primary!.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await live()).toBe(false);
  }, 540_000);

  it('gives up with exit code 1 when its workers keep failing to start', async () => {
    const env = { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere', DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ROLE: 'api', API_WORKERS: '2', PORT: '0', HOST: '127.0.0.1' };
    failing = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: join(__dirname, '../..'), env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => failing!.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
  }, 300_000);
});

/** GET on a new connection (each may reach another worker), the body as text. */
function text(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString()) : reject(new Error(`${path} answered ${response.statusCode}`))));
    }).on('error', reject);
  });
}

function workersOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
