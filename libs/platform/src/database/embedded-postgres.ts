import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pinExtendedQueryBatches } from './pglite-batch-affinity';

/**
 * PGlite (PostgreSQL in WebAssembly) served on loopback so the ordinary `pg` driver and
 * MikroORM talk to it exactly as to a real server. PGlite runs one transaction at a time for
 * the whole database (STACK.md): code inside a transaction must use that transaction's own
 * connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  /** `dataDir` undefined keeps the database in memory (tests). */
  static async start(options: { dataDir?: string; maxConnections: number }): Promise<EmbeddedPostgres> {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const db = await PGlite.create(options.dataDir);
    // The socket server rejects connections past maxConnections with a reset, so it must be
    // larger than every pool that will point at it.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
    pinExtendedQueryBatches(server);
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    return new EmbeddedPostgres(db, server, url);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
