import { BenchEnvironment, nodeArgsFrom, startTally, TallyProcess } from './server';

export interface ApiServers {
  /** The API processes' base URLs; load generators spread connections over them (a load balancer's job). */
  urls: string[];
  url: string;
  description: string;
  processes: TallyProcess[];
  stop(): Promise<void>;
}

/** Extra server settings from BENCH_API_ENV="KEY=value,KEY=value". */
export function extraEnv(): Record<string, string> {
  const raw = process.env.BENCH_API_ENV ?? '';
  return Object.fromEntries(
    raw
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/**
 * `overrides` are server settings the bench itself chooses (BENCH_API_ENV still wins).
 *
 * BENCH_TOPOLOGY:
 * - `split` (default): one ROLE=api process and one ROLE=worker process (projections), as scale-out runs;
 * - `all`: one process doing both (what `npm start` runs);
 * - `api2`: two ROLE=api processes (connections spread over both, as a load balancer would) and
 *   one ROLE=worker;
 * - `cluster`: one ROLE=api process with API_WORKERS=BENCH_API_WORKERS (2; Node's cluster module:
 *   HTTP workers sharing the port) and one ROLE=worker. Not through BENCH_API_ENV, which the
 *   ROLE=worker process gets too and refuses API_WORKERS above 1 for.
 */
export async function startApiServers(environment: BenchEnvironment, overrides: Record<string, string> = {}): Promise<ApiServers> {
  const topology = process.env.BENCH_TOPOLOGY ?? 'split';
  const clusterWorkers = process.env.BENCH_API_WORKERS ?? '2';
  // A bench's own settings (e.g. protections off), then BENCH_API_ENV over them.
  const extra = { ...overrides, ...extraEnv() };
  const nodeArgs = nodeArgsFrom('BENCH_NODE_ARGS');
  const workerNodeArgs = nodeArgsFrom('BENCH_WORKER_NODE_ARGS');
  const processes: TallyProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const running of processes.reverse()) await running.stop().catch(() => undefined);
  };
  try {
    if (topology === 'all') {
      processes.push(await startTally({ kind: 'api', name: 'api', env: environment.env({ ROLE: 'all', ...extra }), nodeArgs }));
    } else if (topology === 'split' || topology === 'api2' || topology === 'cluster') {
      processes.push(await startTally({ kind: 'worker', name: 'worker', env: environment.env({ ROLE: 'worker', LOG_LEVEL: 'info', ...extra }), nodeArgs: workerNodeArgs }));
      const apis = topology === 'api2' ? 2 : 1;
      const workers: Record<string, string> = topology === 'cluster' ? { API_WORKERS: clusterWorkers } : {};
      for (let i = 0; i < apis; i++) processes.push(await startTally({ kind: 'api', name: `api${i}`, env: environment.env({ ROLE: 'api', ...workers, ...extra }), nodeArgs }));
    } else {
      throw new Error(`BENCH_TOPOLOGY must be split, all, api2 or cluster, not ${topology}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = processes.filter((p) => p.url).map((p) => p.url!);
  const env = environment.env(extra);
  return {
    urls,
    url: urls[0],
    description: `topology ${topology} (${urls.length} API process${urls.length > 1 ? 'es' : ''}${topology === 'cluster' ? ` with ${clusterWorkers} cluster workers` : ''}${topology === 'all' ? ' also running the projections' : ' + 1 worker process'}), NODE_ENV=production, LOG_LEVEL=${env.LOG_LEVEL}`,
    processes,
    stop,
  };
}
