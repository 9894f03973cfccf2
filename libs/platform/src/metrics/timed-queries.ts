import { Pool, PoolClient } from 'pg';
import { TallyMetrics } from './tally-metrics';

type Query = PoolClient['query'];
const TIMED = Symbol('tally.timedQueries');

/**
 * Times every promise-returning query of the pool's clients into tally_db_query_duration_seconds
 * (SPEC "Database query latency"), in the promise form and the callback form pool.query() uses;
 * a submittable (a cursor, a stream) passes through untimed. The cost per query is one
 * hrtime pair and one histogram observation with a pre-bound label set.
 */
export function timeQueries(pool: Pool, metrics: TallyMetrics, role: string): Pool {
  const ok = metrics.dbQueryDuration.labels({ pool: role, outcome: 'ok' });
  const failed = metrics.dbQueryDuration.labels({ pool: role, outcome: 'error' });
  pool.on('connect', (client: PoolClient & { [TIMED]?: true }) => {
    if (client[TIMED]) return;
    client[TIMED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const timed = (...args: unknown[]): unknown => {
      const first = args[0] as { submit?: unknown } | undefined;
      if (typeof first?.submit === 'function') return query(...args);
      const started = process.hrtime.bigint();
      const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        // pool.query() calls its client this way.
        args[last] = (error: unknown, result: unknown) => {
          (error ? failed : ok).observe(seconds());
          (callback as (error: unknown, result: unknown) => void)(error, result);
        };
        return query(...args);
      }
      return (query(...args) as Promise<unknown>).then(
        (result) => {
          ok.observe(seconds());
          return result;
        },
        (error: unknown) => {
          failed.observe(seconds());
          throw error;
        },
      );
    };
    client.query = timed as Query;
  });
  return pool;
}
