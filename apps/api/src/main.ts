import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, EmbeddedDatabaseError, loadPlatformConfig } from '@tally/platform';
import { runClusterPrimary } from './cluster-primary';
import { createApp } from './create-app';
import { loadHttpsListenerConfig } from './http/https-listener.config';

async function main(): Promise<void> {
  const config = loadPlatformConfig(process.env);
  // Checked here too, so a cluster primary refuses a bad certificate before forking workers that would each fail on it.
  const scheme = loadHttpsListenerConfig(process.env) ? 'https' : 'http';
  if (config.apiWorkers > 1 && cluster.isPrimary) {
    runClusterPrimary(config.apiWorkers, (line) => process.stdout.write(`${line}\n`));
    return;
  }
  const app = await createApp({ env: process.env });
  await app.listen({ port: config.port, host: config.host });
  app.getHttpAdapter().getInstance().log.info(`Tally listening on ${scheme}://${config.host}:${config.port} (role ${config.role}, ${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`);
}

main().catch((error: unknown) => {
  // A bad setting, or an embedded database another process holds, stops it with one line.
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Tally failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
