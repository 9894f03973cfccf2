import { startTaskApp } from './task-test-kit';

/**
 * A worker process for async-tasks.int-spec.ts: runs the effect-log task over TASK_TEST_DB_URL
 * until it kills itself after the effect of task TASK_KILL_AFTER.
 */
async function main(): Promise<void> {
  const url = process.env.TASK_TEST_DB_URL;
  if (!url) throw new Error('TASK_TEST_DB_URL is not set');
  await startTaskApp({ kind: 'postgres', url, drop: async () => undefined }, { run: true, killAfter: Number(process.env.TASK_KILL_AFTER), env: { TASKS_CONCURRENCY: '1' } });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
