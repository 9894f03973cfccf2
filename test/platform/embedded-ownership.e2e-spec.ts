import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabaseDamagedError, EmbeddedPostgres } from '@tally/platform';

const ROOT = resolve(__dirname, '../..');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of `npm run cli` / `npm start` on the embedded database in `dataDir`. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' };
  for (const name of ['DATABASE_URL', 'DATABASE_REPLICA_URLS', 'REDIS_URL', 'EVENTSTORE_URL', 'API_WORKERS']) delete env[name];
  return env;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<Exit> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() })));
}

const cli = (dataDir: string, ...argv: string[]) => finished(runNode(['apps/cli/src/main.ts', ...argv], embeddedEnv(dataDir)));

/** Lines a process printed, without the blank one a trailing newline leaves. */
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Opens the embedded database in `dataDir` as the server does, runs `sql`, and closes it again. */
async function query<T>(dataDir: string, sql: string): Promise<T[]> {
  const database = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pglite'), maxConnections: 4 });
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
    await database.stop();
  }
}

/** Overwrites the WAL with zeros: PostgreSQL then finds no checkpoint record, as after two owners. */
function destroyCheckpoint(pgliteDir: string): void {
  const wal = join(pgliteDir, 'pg_wal');
  for (const name of readdirSync(wal)) {
    const file = join(wal, name);
    if (statSync(file).isFile()) writeFileSync(file, Buffer.alloc(statSync(file).size));
  }
}

/**
 * The embedded database (PGlite under DATA_DIR) has one owner: a second server or CLI on the same
 * directory used to open it too, lose its writes and leave a directory PostgreSQL could no longer
 * start from. Now the second one refuses at once in one line, and a damaged directory says so.
 */
describe('embedded database ownership', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-owner-'));
  const lockFile = join(dataDir, 'pglite.lock');

  // Creating a PGlite database takes ~5 s, each spawned CLI or server loads the whole app.
  jest.setTimeout(180_000);

  beforeAll(async () => {
    await query(dataDir, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written by the first owner')`);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a CLI and a server on a data directory another process has open, in one line, and leaves it intact', async () => {
    const owner = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pglite'), maxConnections: 4 });
    let seed: Exit;
    let server: Exit;
    try {
      [seed, server] = await Promise.all([cli(dataDir, 'seed:demo'), finished(runNode(['apps/api/src/main.ts'], embeddedEnv(dataDir)))]);
    } finally {
      await owner.stop();
    }
    const refusal = new RegExp(`^The embedded database in \\S+/pglite is in use by process ${process.pid} \\(node .+, since [0-9T:.Z-]+\\)\\. Stop it first, or point this process at a PostgreSQL server with DATABASE_URL\\.$`);
    expect(seed.code).toBe(2);
    expect(lines(seed.stderr)).toEqual([expect.stringMatching(refusal)]);
    expect(seed.stdout).toBe('');
    expect(server.code).toBe(1);
    // Nest logs the failed start-up before main's line; the last line is the one to act on.
    expect(lines(server.stderr).at(-1)).toMatch(refusal);

    expect(existsSync(lockFile)).toBe(false);
    expect(await query(dataDir, 'SELECT note FROM kept')).toEqual([{ note: 'written by the first owner' }]);
  });

  it('is taken over after its owner was killed with SIGKILL, and its data opens', async () => {
    const script = `
      const { EmbeddedPostgres } = require('./libs/platform/src/database/embedded-postgres.ts');
      EmbeddedPostgres.start({ dataDir: ${JSON.stringify(join(dataDir, 'pglite'))}, maxConnections: 4 }).then(() => console.log('ready'));`;
    const owner = runNode(['-e', script], embeddedEnv(dataDir));
    const exit = finished(owner);
    await new Promise<void>((ready, fail) => {
      owner.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
      owner.once('exit', (code) => fail(new Error(`the owner exited (${code}) before it was ready`)));
    });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: owner.pid });
    owner.kill('SIGKILL');
    await exit;

    expect(await query(dataDir, 'SELECT note FROM kept')).toEqual([{ note: 'written by the first owner' }]);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('names a damaged data directory and the way out, which data:reset takes', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'tally-damaged-'));
    try {
      cpSync(join(dataDir, 'pglite'), join(damaged, 'pglite'), { recursive: true });
      destroyCheckpoint(join(damaged, 'pglite'));

      const seed = await cli(damaged, 'seed:demo');
      expect(seed.code).toBe(2);
      expect(lines(seed.stderr)).toEqual([
        expect.stringMatching(/^The embedded database in \S+\/pglite cannot be opened \(PGlite: Aborted\(\)\): it is damaged, .* `npm run cli -- data:reset` moves it aside /),
      ]);
      expect(existsSync(join(damaged, 'pglite.lock'))).toBe(false);

      const reset = await cli(damaged, 'data:reset');
      expect(reset).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Moved \S+\/pglite to \S+\/pglite\.moved-[0-9T-]+Z\. The next start creates an empty embedded database\.\n$/) });
      expect(readdirSync(damaged).filter((name) => name.startsWith('pglite'))).toEqual([expect.stringMatching(/^pglite\.moved-/)]);
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });

  it('reports the other way PGlite fails on a broken directory as damage too', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'tally-damaged-'));
    try {
      cpSync(join(dataDir, 'pglite'), join(damaged, 'pglite'), { recursive: true });
      rmSync(join(damaged, 'pglite', 'base'), { recursive: true });
      const opening = EmbeddedPostgres.start({ dataDir: join(damaged, 'pglite'), maxConnections: 4 });
      await expect(opening).rejects.toThrow(EmbeddedDatabaseDamagedError);
      await expect(opening).rejects.toThrow(/cannot be opened \(PGlite failed to initialize properly\): it is damaged/);
      expect(existsSync(join(damaged, 'pglite.lock'))).toBe(false);
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });
});
