import { hostname } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { ProcessIdentity } from './process-identity';

/**
 * The embedded database cannot be used by this process, for a reason the operator can act on.
 * Entry points print the message alone: it is one line that says what to do, and a stack
 * trace would only bury it.
 */
export abstract class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    // Not enumerable and no stack: loggers that inspect the error (Nest's start-up handler)
    // then show the message alone.
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false });
    Object.defineProperty(this, 'stack', { value: message, enumerable: false, writable: true });
  }
}

/** Another process (or this one, twice) has the data directory open. */
export class EmbeddedDatabaseInUseError extends EmbeddedDatabaseError {
  constructor(directory: string, owner: ProcessIdentity | undefined, lockFile: string) {
    super(inUseMessage(directory, owner, lockFile));
  }
}

/** PGlite could not start from an existing data directory. */
export class EmbeddedDatabaseDamagedError extends EmbeddedDatabaseError {
  constructor(directory: string, cause: unknown) {
    super(
      `The embedded database in ${shown(directory)} cannot be opened (${causeLine(cause)}): it is damaged, most often by two processes having used it at once, or comes from another PGlite version. ` +
        '`npm run cli -- data:reset` moves it aside so the next start creates an empty one (the events, users and votes in it are then no longer served; the secrets in the data directory are kept); or restore a backup of it.',
    );
  }
}

function inUseMessage(directory: string, owner: ProcessIdentity | undefined, lockFile: string): string {
  const where = `The embedded database in ${shown(directory)}`;
  if (!owner) return `${where} is being opened by another process right now. Stop that process first, or point this one at a PostgreSQL server with DATABASE_URL.`;
  const who = `process ${owner.pid} (${owner.command}, since ${owner.since})`;
  if (owner.host !== hostname()) {
    // Its pid cannot be checked from here, so only the operator can tell that it is gone.
    return `${where} is in use by ${who} on host ${owner.host}. Stop it first; if nothing runs there any more, delete ${shown(lockFile)}.`;
  }
  if (owner.pid === process.pid) return `${where} is already open in this ${who}; close it before opening it again.`;
  return `${where} is in use by ${who}. Stop it first, or point this process at a PostgreSQL server with DATABASE_URL.`;
}

/** Paths under the working directory read as `./data/pglite`, as the operator typed them. */
function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? `./${fromHere}` : path;
}

/** PGlite's abort says "Aborted(). Build with -sASSERTIONS for more info."; only its first words help. */
function causeLine(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const line = (message.split('\n')[0] ?? '').replace(/\. Build with -sASSERTIONS.*$/, '').replace(/\.$/, '').trim() || 'no reason given';
  return line.startsWith('PGlite') ? line : `PGlite: ${line}`;
}
