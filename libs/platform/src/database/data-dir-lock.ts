import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedDatabaseInUseError } from './embedded-database.errors';
import { currentProcessIdentity, ownerState, ProcessIdentity } from './process-identity';

/**
 * Attempts before giving up when other processes keep taking and dropping the lock meanwhile (a
 * stale lock with a stale takeover beside it needs three: clear the takeover, the lock, then take it).
 */
const ATTEMPTS = 5;

/**
 * Exclusive ownership of a directory that only one process may open: the embedded PGlite
 * database, whose second opener silently loses its writes and can leave a data directory
 * PostgreSQL no longer starts from (its checkpoint record overwritten by the first one's WAL).
 *
 * The lock is the file `<directory>.lock`, holding the owner's pid, process start time, host
 * and command line. It appears atomically with its whole content (a hard link to a finished
 * temporary file), so two processes starting at once cannot both create it. An owner that died,
 * even by SIGKILL, leaves the file behind; the next process sees that pid gone (or reused by a
 * process started at another time) and takes the lock over. Node has no flock(2), so this is
 * the dependency-free way to get that.
 *
 * Removing a stale lock is itself exclusive: only the holder of `<directory>.lock.takeover`
 * (taken the same way) may delete the lock, and only if it still holds the stale content read
 * before. Without it, two processes that both read the stale lock could each remove "it", the
 * second removing the first one's fresh lock instead, and both would run.
 */
export class DataDirLock {
  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  /** Takes the lock, or throws EmbeddedDatabaseInUseError naming the process that holds it. */
  static acquire(directory: string): DataDirLock {
    const path = `${directory}.lock`;
    mkdirSync(dirname(path), { recursive: true });
    const content = `${JSON.stringify(currentProcessIdentity())}\n`;
    let owner: ProcessIdentity | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createExclusively(path, content)) return new DataDirLock(path, content);
      const found = readIfPresent(path);
      if (found === undefined) continue;
      owner = parseOwner(found);
      if (owner && ownerState(owner) !== 'gone') throw new EmbeddedDatabaseInUseError(directory, owner, path);
      removeStale(path, found, content);
    }
    throw new EmbeddedDatabaseInUseError(directory, undefined, path);
  }

  /**
   * Throws EmbeddedDatabaseInUseError when a live process holds the lock, without taking it: lets
   * a short-lived process (the CLI) refuse before the seconds it spends booting. `acquire` still
   * decides; this only answers early.
   */
  static refuseIfHeld(directory: string): void {
    const path = `${directory}.lock`;
    const found = readIfPresent(path);
    const owner = found === undefined ? undefined : parseOwner(found);
    if (owner && ownerState(owner) !== 'gone') throw new EmbeddedDatabaseInUseError(directory, owner, path);
  }

  /** Drops the lock if it is still ours; safe to call more than once. */
  release(): void {
    if (readIfPresent(this.path) !== this.content) return;
    try {
      unlinkSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** link(2) fails with EEXIST when the name is taken, and the file it makes is already complete. */
function createExclusively(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}.${randomUUID()}`;
  writeFileSync(draft, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Removes the stale lock whose content was `stale`, and only that one, while holding the takeover
 * file: no other process can remove the lock meanwhile, and none can create it while the stale
 * one is there, so the content read again under the takeover is what gets deleted. When another
 * process holds the takeover, nothing is done (the next attempt sees what it left). A takeover
 * whose holder died inside those few calls is stale itself and is removed if its content is
 * unchanged; that removal is not exclusive, which matters only if such a crash is followed by
 * several processes starting at the same moment.
 */
function removeStale(path: string, stale: string, content: string): void {
  const takeover = `${path}.takeover`;
  if (!createExclusively(takeover, content)) {
    const holder = readIfPresent(takeover);
    const holderOwner = holder === undefined ? undefined : parseOwner(holder);
    if (holder !== undefined && (!holderOwner || ownerState(holderOwner) === 'gone')) unlinkIfContent(takeover, holder);
    return;
  }
  try {
    unlinkIfContent(path, stale);
  } finally {
    unlinkSync(takeover);
  }
}

/**
 * Deletes `path` if it holds `content`. Exact for the lock, read and deleted under the takeover;
 * for a stale takeover itself only as close as a read then a delete can be (removeStale says so).
 */
function unlinkIfContent(path: string, content: string): void {
  if (readIfPresent(path) !== content) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Anything but a well-formed owner is debris (the file only ever appears complete): stale. */
function parseOwner(content: string): ProcessIdentity | undefined {
  try {
    const value: unknown = JSON.parse(content);
    if (typeof value !== 'object' || value === null) return undefined;
    const owner = value as Partial<ProcessIdentity>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string' || typeof owner.command !== 'string' || typeof owner.since !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, command: owner.command, since: owner.since, ...(typeof owner.startTime === 'string' ? { startTime: owner.startTime } : {}) };
  } catch {
    return undefined;
  }
}
