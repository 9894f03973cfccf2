import { BenchEnvironment, startTally, TallyProcess } from './server';

export interface ApiServers {
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

/** One production server, ROLE=all (API and projection worker in one process) unless BENCH_API_ENV says otherwise. */
export async function startApiServers(environment: BenchEnvironment): Promise<ApiServers> {
  const env = environment.env(extraEnv());
  const api = await startTally({ kind: 'api', name: 'api', env, nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) });
  return {
    url: api.url!,
    description: `1 process, ROLE=${env.ROLE ?? 'all'}, NODE_ENV=production, log ${env.LOG_LEVEL}`,
    processes: [api],
    stop: () => api.stop(),
  };
}
