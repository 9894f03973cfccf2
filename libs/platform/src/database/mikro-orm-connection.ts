import { ConnectionOptions, rootCertificates } from 'node:tls';
import { pgConnectionConfig } from './pg-tls';

/**
 * TLS settings with every key MikroORM might otherwise fill in from elsewhere: the CA (Node's
 * public CAs when the URL names none, which is what Node uses by default) and the client
 * certificate and key (null when there is none).
 */
export type MikroOrmSsl = false | (Omit<ConnectionOptions, 'ca' | 'cert' | 'key'> & { ca: string | readonly string[]; cert: string | null; key: string | null });

/** The part of MikroORM's options (or of one replica's) that says where and how to connect. */
export interface MikroOrmConnection {
  clientUrl: string;
  driverOptions: { connection: { application_name: string; ssl: MikroOrmSsl } };
}

/**
 * MikroORM's settings for one server. MikroORM takes only the host, port, user, password and
 * database from a URL and drops its query, so the TLS the URL asks for (pg-tls.ts) is handed to
 * the driver explicitly, as every other pool of Tally gets it. `applicationName` names the
 * connections in pg_stat_activity, so an operator (and the faults bench) can tell an API
 * process's connections from a projection worker's.
 *
 * MikroORM deep-merges the primary's driverOptions under each replica's and skips undefined
 * values, so a replica's TLS names every key: a replica must not inherit the primary's CA or
 * client certificate.
 */
export function mikroOrmConnection(url: string, applicationName: string): MikroOrmConnection {
  const { connectionString, ssl } = pgConnectionConfig(url);
  const complete: MikroOrmSsl = ssl === false ? false : { ...ssl, ca: typeof ssl.ca === 'string' ? ssl.ca : rootCertificates, cert: typeof ssl.cert === 'string' ? ssl.cert : null, key: typeof ssl.key === 'string' ? ssl.key : null };
  return { clientUrl: connectionString, driverOptions: { connection: { application_name: applicationName, ssl: complete } } };
}
