import { startReactorApp } from './reactor-test-kit';

/**
 * A worker process for reactor.int-spec.ts: runs the effect-log reactor over REACTOR_TEST_DB_URL
 * until it kills itself after the effect of event REACTOR_KILL_AFTER.
 */
async function main(): Promise<void> {
  const url = process.env.REACTOR_TEST_DB_URL;
  if (!url) throw new Error('REACTOR_TEST_DB_URL is not set');
  await startReactorApp({ kind: 'postgres', url, drop: async () => undefined }, { run: true, killAfter: Number(process.env.REACTOR_KILL_AFTER) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
