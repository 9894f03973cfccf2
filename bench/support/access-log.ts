/**
 * Access logging (libs/audit's access_logs, ACCESS_LOG_ENABLED) in a bench's servers:
 * BENCH_ACCESS_LOG `on` (default, as deployed), `off`, or `compare` (bench:votes: the servers run
 * with it off and one more ROLE=api process with it on, measured in alternating slices).
 */
export type AccessLogMode = 'off' | 'on' | 'compare';

export const ACCESS_LOG_OFF = { ACCESS_LOG_ENABLED: 'false' };
export const ACCESS_LOG_ON = { ACCESS_LOG_ENABLED: 'true' };

export function accessLogFromEnv(): AccessLogMode {
  const value = process.env.BENCH_ACCESS_LOG ?? 'on';
  if (value !== 'off' && value !== 'on' && value !== 'compare') throw new Error(`BENCH_ACCESS_LOG must be off, on or compare, not ${value}`);
  return value;
}

/** The servers' setting: off for `off` and for `compare` (its extra process has it on). */
export function accessLogEnv(mode: AccessLogMode): Record<string, string> {
  return mode === 'on' ? ACCESS_LOG_ON : ACCESS_LOG_OFF;
}
