import { join } from 'node:path';
import { PlatformConfig } from '../config/platform.config';
import { DataDirLock } from './data-dir-lock';
import { EmbeddedPostgres } from './embedded-postgres';

export interface DatabaseLocation {
  url: string;
  replicaUrls: string[];
  embedded: boolean;
  close(): Promise<void>;
}

/** A configured server, or — with no DATABASE_URL — PGlite under DATA_DIR, kept across restarts. */
export async function locateDatabase(config: PlatformConfig): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, replicaUrls: config.databaseReplicaUrls, embedded: false, close: async () => undefined };
  }
  // Refuses at once (EmbeddedDatabaseInUseError) when another process has this DATA_DIR open.
  const server = await EmbeddedPostgres.start({
    dataDir: embeddedDatabaseDirectory(config),
    // Two pools (pg for the event store, MikroORM for read models) plus headroom.
    maxConnections: config.databasePoolSize * 4 + 40,
  });
  return { url: server.url, replicaUrls: [], embedded: true, close: () => server.stop() };
}

/** Where the embedded database keeps its files; the generated secrets sit beside it in DATA_DIR. */
export function embeddedDatabaseDirectory(config: Pick<PlatformConfig, 'dataDir'>): string {
  return join(config.dataDir, 'pglite');
}

/** Refuses at once when the embedded database this configuration would open is owned by a live process. */
export function refuseIfEmbeddedDatabaseInUse(config: Pick<PlatformConfig, 'dataDir' | 'databaseUrl'>): void {
  if (!config.databaseUrl) DataDirLock.refuseIfHeld(embeddedDatabaseDirectory(config));
}
