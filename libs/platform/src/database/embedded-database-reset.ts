import { existsSync, renameSync } from 'node:fs';
import { DataDirLock } from './data-dir-lock';

/**
 * The way out of a damaged embedded database: its directory is moved aside (never deleted, so
 * it can still be inspected or recovered) and the next start creates an empty one. Refuses,
 * like any opener, while a process has it open.
 *
 * Returns the path it was moved to, or undefined when there was nothing to move.
 */
export function moveEmbeddedDatabaseAside(directory: string, now: Date = new Date()): string | undefined {
  const lock = DataDirLock.acquire(directory);
  try {
    if (!existsSync(directory)) return undefined;
    const aside = `${directory}.moved-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(directory, aside);
    return aside;
  } finally {
    lock.release();
  }
}
