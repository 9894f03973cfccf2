import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedDatabaseInUseError } from './embedded-database.errors';
import { currentProcessIdentity, ownerState, ProcessIdentity } from './process-identity';

/** Attempts before giving up when other processes keep taking and dropping the lock meanwhile. */
const ATTEMPTS = 3;

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
      removeStale(path, found);
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
 * Removes the stale lock whose content was `stale`, and only that one: another process may have
 * replaced it since it was read. Renaming is atomic, so the file moved aside is checked, and
 * given back if it turns out to be a live owner's new lock.
 */
function removeStale(path: string, stale: string): void {
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') === stale) return;
    // Fails only if a third process created a lock in the instant the name was free; the next
    // attempt then finds that one and refuses.
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
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
