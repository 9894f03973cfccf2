import cluster, { Worker } from 'node:cluster';
import { serveClusterMetrics } from '@tally/observability';

/** A worker that dies this soon after it was forked failed to start, rather than crashed. */
const START_WINDOW_MS = 15_000;
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
  const forkedAt = new Map<Worker, number>();
  const fork = (): void => {
    const worker = cluster.fork();
    forkedAt.set(worker, Date.now());
  };

  cluster.on('listening', (worker, address) => log(`API worker ${worker.process.pid} listening on ${address.address ?? '*'}:${address.port}`));

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (forkedAt.get(worker) ?? 0);
    forkedAt.delete(worker);
    if (stopping) {
      if (forkedAt.size === 0) process.exit(exitCode);
      return;
    }
    failedStarts = lived < START_WINDOW_MS ? failedStarts + 1 : 0;
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
    for (const worker of forkedAt.keys()) worker.process.kill(signal);
    if (forkedAt.size === 0) process.exit(exitCode);
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
