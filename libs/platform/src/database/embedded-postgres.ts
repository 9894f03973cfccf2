import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';
import { EmbeddedDatabaseDamagedError } from './embedded-database.errors';
import { pinExtendedQueryBatches } from './pglite-batch-affinity';

/**
 * PGlite (PostgreSQL in WebAssembly) served on loopback so the ordinary `pg` driver and
 * MikroORM talk to it exactly as to a real server. PGlite runs one transaction at a time for
 * the whole database (STACK.md): code inside a transaction must use that transaction's own
 * connection.
 *
 * A data directory belongs to one process at a time (DataDirLock): PGlite keeps its buffers and
 * WAL position in memory, so a second instance on the same files loses its writes and can
 * overwrite the first's checkpoint, after which PostgreSQL no longer starts from the directory.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock | undefined,
    readonly url: string,
  ) {}

  /**
   * `dataDir` undefined keeps the database in memory (tests); `initialDump` (from `dump()`)
   * starts an in-memory database with that content, e.g. a schema migrated once for many tests.
   */
  static async start(options: { dataDir?: string; maxConnections: number; initialDump?: Blob }): Promise<EmbeddedPostgres> {
    // Taken before anything under dataDir is created or read.
    const lock = options.dataDir ? DataDirLock.acquire(options.dataDir) : undefined;
    try {
      const db = options.initialDump && !options.dataDir ? await PGlite.create({ loadDataDir: options.initialDump }) : await openDatabase(options.dataDir);
      const server = await serve(db, options.maxConnections).catch(async (error: unknown) => {
        await db.close();
        throw error;
      });
      const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, lock, url);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  /** The whole data directory as a gzipped tarball, which `start({ initialDump })` loads. */
  dump(): Promise<Blob> {
    return this.db.dumpDataDir('gzip');
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** An existing directory PGlite cannot start from is reported as damaged, with the way out. */
async function openDatabase(dataDir: string | undefined): Promise<PGlite> {
  if (!dataDir) return PGlite.create();
  const existed = existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  try {
    return await PGlite.create(dataDir);
  } catch (error) {
    if (existed) throw new EmbeddedDatabaseDamagedError(dataDir, error);
    throw error;
  }
}

async function serve(db: PGlite, maxConnections: number): Promise<PGLiteSocketServer> {
  // The socket server rejects connections past maxConnections with a reset, so it must be
  // larger than every pool that will point at it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  pinExtendedQueryBatches(server);
  await server.start();
  return server;
}
