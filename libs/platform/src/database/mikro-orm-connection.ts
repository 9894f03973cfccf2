import { ConnectionOptions } from 'node:tls';
import { pgConnectionConfig } from './pg-tls';

/** The part of MikroORM's options (or of one replica's) that says where and how to connect. */
export interface MikroOrmConnection {
  clientUrl: string;
  driverOptions: { connection: { application_name: string; ssl: false | ConnectionOptions } };
}

/**
 * MikroORM's settings for one server. MikroORM takes only the host, port, user, password and
 * database from a URL and drops its query, so the TLS the URL asks for (pg-tls.ts) is handed to
 * the driver explicitly, as every other pool of Tally gets it. `applicationName` names the
 * connections in pg_stat_activity, so an operator (and the faults bench) can tell an API
 * process's connections from a projection worker's.
 */
export function mikroOrmConnection(url: string, applicationName: string): MikroOrmConnection {
  const { connectionString, ssl } = pgConnectionConfig(url);
  return { clientUrl: connectionString, driverOptions: { connection: { application_name: applicationName, ssl } } };
}
