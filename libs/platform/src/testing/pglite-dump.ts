import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedPostgres } from '../database/embedded-postgres';

/** Dumps of other migration sets or PGlite builds are removed once this old. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const PGLITE_DUMP_PREFIX = 'tally-pglite-template-';

/**
 * A PGlite data directory built once by `prepare` and kept in the temp directory as a dump
 * (EmbeddedPostgres.dump), for test databases to start from. Parallel builders each write and
 * rename, so a half-written dump is never read; dumps of other keys are removed once stale.
 */
export async function cachedPgliteDump(key: string, prepare: (url: string) => Promise<void>): Promise<Blob> {
  const file = join(tmpdir(), `${PGLITE_DUMP_PREFIX}${key}.tgz`);
  if (!existsSync(file)) {
    const embedded = await EmbeddedPostgres.start({ maxConnections: 10 });
    try {
      await prepare(embedded.url);
      const dump = await embedded.dump();
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await embedded.stop();
    }
    removeStaleDumps(file);
  }
  return new Blob([readFileSync(file)], { type: 'application/x-gzip' });
}

/**
 * A new, empty PGlite cluster as a dump. Creating one runs initdb in WebAssembly (~4 s of CPU,
 * tens of seconds on a loaded CI machine); loading this dump takes ~1 s. Keyed by the PGlite
 * build, so an upgrade makes a new one.
 */
export function emptyPgliteCluster(): Promise<Blob> {
  return cachedPgliteDump(`empty-${pgliteBuild()}`, async () => undefined);
}

/** A digest of the installed PGlite's package.json (its version), found beside its entry file. */
function pgliteBuild(): string {
  let directory = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(directory, 'package.json'))) directory = dirname(directory);
  return createHash('sha256').update(readFileSync(join(directory, 'package.json'))).digest('hex').slice(0, 16);
}

function removeStaleDumps(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(PGLITE_DUMP_PREFIX) || path === keep) continue;
    if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
  }
}
