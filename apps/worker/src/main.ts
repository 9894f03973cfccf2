import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, EmbeddedDatabaseError, loadPlatformConfig } from '@tally/platform';
import { WorkerAppModule } from './worker-app.module';

/** ROLE=worker: projections and scheduled jobs, no HTTP. Stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = { ...process.env, ROLE: 'worker' };
  const config = loadPlatformConfig(env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot({ env }), {
    bufferLogs: true,
    // A start-up failure reaches the catch below (one line for a bad setting), instead of Nest
    // printing it with its stack and aborting the process.
    abortOnError: false,
    autoFlushLogs: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  app.get(Logger).log(`Tally worker running (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Tally worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
