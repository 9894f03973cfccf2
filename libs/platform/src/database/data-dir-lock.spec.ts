import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirLock } from './data-dir-lock';
import { EmbeddedDatabaseInUseError } from './embedded-database.errors';
import { moveEmbeddedDatabaseAside } from './embedded-database-reset';
import { currentProcessIdentity, ProcessIdentity } from './process-identity';

const LOCK_MODULE = resolve(__dirname, 'data-dir-lock.ts');

/**
 * A node process that says `ready` once loaded, tries the lock on `directory` when it reads a line
 * from stdin (printing `won` or `refused: <message>`), and holds it until stdin closes.
 */
function lockingChild(directory: string): ChildProcess {
  const script = `
    const { DataDirLock } = require(${JSON.stringify(LOCK_MODULE)});
    let lock;
    process.stdin.once('data', () => {
      try { lock = DataDirLock.acquire(${JSON.stringify(directory)}); console.log('won'); }
      catch (error) { console.log('refused: ' + error.message); }
    });
    process.stdin.on('end', () => lock?.release());
    console.log('ready');`;
  return spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: resolve(__dirname, '../../../..'), stdio: ['pipe', 'pipe', 'inherit'] });
}

/** Resolves to the child's next line of output. */
function nextLine(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      child.stdout?.off('data', onData);
      done(text.split('\n')[0]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`child exited (${code}) before saying anything`)));
  });
}

async function tryLock(children: ChildProcess[]): Promise<string[]> {
  await Promise.all(children.map(async (child) => expect(await nextLine(child)).toBe('ready')));
  const outcomes = children.map(nextLine);
  // Every child is loaded and waiting, so the attempts start within a millisecond or so.
  for (const child of children) child.stdin?.write('go\n');
  return Promise.all(outcomes);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
}

describe('DataDirLock', () => {
  let root: string;
  let directory: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tally-lock-'));
    directory = join(root, 'pglite');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const writeOwner = (owner: Partial<ProcessIdentity> | string) =>
    writeFileSync(`${directory}.lock`, typeof owner === 'string' ? owner : JSON.stringify({ ...currentProcessIdentity(), ...owner }));

  it('records who holds it, refuses a second holder with one line naming it, and is free again once released', () => {
    const lock = DataDirLock.acquire(directory);
    const recorded = JSON.parse(readFileSync(`${directory}.lock`, 'utf8')) as ProcessIdentity;
    expect(recorded).toMatchObject({ pid: process.pid, command: expect.stringContaining('node') });

    expect(() => DataDirLock.acquire(directory)).toThrow(EmbeddedDatabaseInUseError);
    expect(() => DataDirLock.acquire(directory)).toThrow(new RegExp(`^The embedded database in \\S+ is already open in this process ${process.pid} \\(`));
    expect(existsSync(directory)).toBe(false);

    lock.release();
    lock.release();
    expect(existsSync(`${directory}.lock`)).toBe(false);
    DataDirLock.acquire(directory).release();
  });

  it('takes over the lock of a process that is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeOwner({ pid: gone });
    const lock = DataDirLock.acquire(directory);
    expect(JSON.parse(readFileSync(`${directory}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('answers early whether a live process holds it, without taking or removing anything', () => {
    expect(() => DataDirLock.refuseIfHeld(directory)).not.toThrow();
    expect(existsSync(`${directory}.lock`)).toBe(false);
    const lock = DataDirLock.acquire(directory);
    expect(() => DataDirLock.refuseIfHeld(directory)).toThrow(EmbeddedDatabaseInUseError);
    lock.release();
    writeOwner({ pid: spawnSync(process.execPath, ['-e', '']).pid });
    expect(() => DataDirLock.refuseIfHeld(directory)).not.toThrow();
    expect(existsSync(`${directory}.lock`)).toBe(true);
  });

  it('takes over a lock whose pid now belongs to a process started at another time', () => {
    if (!currentProcessIdentity().startTime) return; // no /proc: only liveness can be checked
    writeOwner({ startTime: '1' });
    DataDirLock.acquire(directory).release();
  });

  it('takes over a lock file that holds no owner', () => {
    writeOwner('');
    DataDirLock.acquire(directory).release();
    writeOwner('{"pid": "nope"}');
    DataDirLock.acquire(directory).release();
  });

  it('refuses a lock held on another host, and says how to clear it', () => {
    writeOwner({ pid: 1, host: 'elsewhere' });
    expect(() => DataDirLock.acquire(directory)).toThrow(`is in use by process 1 (node`);
    expect(() => DataDirLock.acquire(directory)).toThrow(`on host elsewhere. Stop it first; if nothing runs there any more, delete ${directory}.lock.`);
  });

  it('leaves a lock alone that is no longer its own', () => {
    const lock = DataDirLock.acquire(directory);
    writeOwner({ pid: 1, host: 'elsewhere' });
    lock.release();
    expect(readFileSync(`${directory}.lock`, 'utf8')).toContain('elsewhere');
  });

  it('lets exactly one of several processes starting at the same moment win, over a stale lock too', async () => {
    for (const staleFirst of [false, true]) {
      if (staleFirst) writeOwner({ pid: spawnSync(process.execPath, ['-e', '']).pid });
      const children = [0, 1, 2, 3].map(() => lockingChild(directory));
      try {
        const outcomes = await tryLock(children);
        expect(outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
        for (const refusal of outcomes.filter((outcome) => outcome !== 'won')) expect(refusal).toMatch(/^refused: The embedded database in \S+ is (in use by process \d+|being opened by another process)/);
      } finally {
        for (const child of children) child.stdin?.end();
        await Promise.all(children.map(exited));
      }
      expect(existsSync(`${directory}.lock`)).toBe(false);
    }
  }, 60_000);

  it('is free again after its holder is killed with SIGKILL', async () => {
    const holder = lockingChild(directory);
    expect(await tryLock([holder])).toEqual(['won']);
    holder.kill('SIGKILL');
    await exited(holder);
    DataDirLock.acquire(directory).release();
  }, 30_000);

  it('moves a database aside for data:reset, but not while it is open', () => {
    mkdirSync(directory);
    writeFileSync(join(directory, 'PG_VERSION'), '18\n');
    const lock = DataDirLock.acquire(directory);
    expect(() => moveEmbeddedDatabaseAside(directory)).toThrow(EmbeddedDatabaseInUseError);
    lock.release();

    const movedTo = moveEmbeddedDatabaseAside(directory, new Date('2026-01-02T03:04:05.678Z'));
    expect(movedTo).toBe(`${directory}.moved-2026-01-02T03-04-05-678Z`);
    expect(readFileSync(join(movedTo ?? '', 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(existsSync(directory)).toBe(false);
    expect(moveEmbeddedDatabaseAside(directory)).toBeUndefined();
  });
});
