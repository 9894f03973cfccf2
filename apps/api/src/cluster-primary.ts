import cluster, { Worker } from 'node:cluster';
import { serveClusterMetrics } from '@tally/observability';

/** Workers in a row that exit before listening: past this the primary stops. */
const MAX_FAILED_STARTS = 3;

/**
 * The primary process of API_WORKERS > 1: forks the HTTP workers, which share the listening
 * port (Node's cluster module hands each connection to one of them), replaces a worker that
 * dies, and on SIGTERM/SIGINT passes the signal on and exits once every worker has drained. A
 * worker that keeps failing at start (a bad setting, the database unreachable) ends the
 * primary too, instead of being restarted forever.
 */
export function runClusterPrimary(workers: number, log: (line: string) => void): void {
  let stopping = false;
  let exitCode = 0;
  let failedStarts = 0;
  const forked = new Set<Worker>();
  // A worker failed to start if it exits before it listens, however long that took: a time
  // window misreads a slow start (a loaded machine, a database that answers late) as a crash,
  // and a worker that can never start was then restarted for ever.
  const listening = new Set<Worker>();
  const fork = (): void => {
    forked.add(cluster.fork());
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    log(`API worker ${worker.process.pid} listening on ${address.address ?? '*'}:${address.port}`);
  });

  cluster.on('exit', (worker, code, signal) => {
    forked.delete(worker);
    const started = listening.delete(worker);
    if (stopping) {
      if (forked.size === 0) process.exit(exitCode);
      return;
    }
    failedStarts = started ? 0 : failedStarts + 1;
    if (failedStarts >= MAX_FAILED_STARTS) {
      log(`API worker ${worker.process.pid} failed to start ${failedStarts} times in a row (${signal ?? `exit ${code}`}); stopping`);
      stop('SIGTERM', 1);
      return;
    }
    log(`API worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}); starting another`);
    fork();
  });

  const stop = (signal: NodeJS.Signals, code = 0): void => {
    stopping = true;
    exitCode = code;
    for (const worker of forked) worker.process.kill(signal);
    if (forked.size === 0) process.exit(exitCode);
    // A worker that does not drain in time does not hold the shutdown forever.
    setTimeout(() => process.exit(exitCode || 1), 30_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // A scrape reaching any worker answers for all of them (libs/observability cluster-metrics.ts).
  serveClusterMetrics();
  for (let i = 0; i < workers; i++) fork();
  log(`Tally API primary ${process.pid}: ${workers} workers`);
}
