import 'reflect-metadata';
import { startAnalyticsApp } from './analytics-test-kit';

/**
 * A worker process for the kill/restart test: runs the analytics export over ANALYTICS_TEST_DB_URL
 * (sink from the ANALYTICS_* environment) until it kills itself (SIGKILL) after
 * ANALYTICS_KILL_AFTER_BATCHES acknowledged batches, before their checkpoint.
 */
async function main(): Promise<void> {
  const url = process.env.ANALYTICS_TEST_DB_URL;
  if (!url) throw new Error('ANALYTICS_TEST_DB_URL is not set');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith('ANALYTICS_') && value !== undefined) env[name] = value;
  await startAnalyticsApp(url, { run: true, env, killAfterBatches: Number(process.env.ANALYTICS_KILL_AFTER_BATCHES) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
