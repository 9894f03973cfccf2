/**
 * Two API processes on the same database, worker and voters, one with a feature off and one with
 * it on, measured in alternating slices (off-on, then on-off, …) so a machine whose load drifts
 * (other work on shared cores) weighs on both alike. bench:votes uses it for BENCH_PROTECTIONS=compare
 * and BENCH_ACCESS_LOG=compare.
 */
import { cpuPerRequest, cpuSnapshot } from './cpu-budget';
import { LoadResult, ms, runLoad } from './load';
import { VoteTraffic } from './vote-load';

export interface ComparedSide {
  urls: string[];
  /** The side's API process, for its CPU per vote. */
  pid: number | undefined;
}

export interface Comparison {
  /** What is switched, e.g. `protections` or `access logging`. */
  feature: string;
  /** The goal printed beside the ratio, e.g. `target ≥ 85 %, p99 < 50 ms`. */
  target: string;
  off: ComparedSide;
  on: ComparedSide;
  connections: number;
  warmupSeconds: number;
  /** BENCH_COMPARE_ROUNDS (4) rounds of BENCH_COMPARE_SECONDS (5) slices per side. */
  rounds?: number;
  sliceSeconds?: number;
}

interface Slice {
  result: LoadResult;
  apiCpu: number;
  redisCpu: number;
}

/** Runs the slices and prints both lines (rate, median percentiles, API and Redis CPU per vote) with the on ÷ off ratio. */
export async function compareSides(traffic: VoteTraffic, comparison: Comparison): Promise<{ off: number; on: number }> {
  const rounds = comparison.rounds ?? Number(process.env.BENCH_COMPARE_ROUNDS ?? 4);
  const slice = comparison.sliceSeconds ?? Number(process.env.BENCH_COMPARE_SECONDS ?? 5);
  const load = (urls: string[], seconds: number) => runLoad({ url: urls, connections: comparison.connections, seconds, request: traffic.request, onResponse: traffic.onResponse });
  await load(comparison.on.urls, comparison.warmupSeconds);
  const runs = { off: [] as Slice[], on: [] as Slice[] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const side = comparison[name];
      const before = cpuSnapshot([side.pid]);
      const result = await load(side.urls, slice);
      const cost = cpuPerRequest(before, cpuSnapshot([side.pid]), result.requests);
      runs[name].push({ result, apiCpu: cost.tallyByProcess[0], redisCpu: cost.redis });
    }
  }
  const off = summary(runs.off);
  const on = summary(runs.on);
  const label = (name: 'off' | 'on') => `${comparison.feature} ${name}`.padEnd(comparison.feature.length + 4);
  console.log(`\n${comparison.feature} off vs on, same run, ${rounds} rounds of alternating ${slice} s slices, ${comparison.connections} connections (percentiles: median of the slices'):`);
  console.log(`  POST /api/votes, ${label('off')}: ${off.text}`);
  console.log(`  POST /api/votes, ${label('on')}: ${on.text}`);
  console.log(`  on ÷ off: ${((100 * on.rate) / off.rate).toFixed(1)} % of the rate (${comparison.target}); API CPU per vote ${signed(on.apiCpu - off.apiCpu)} ms`);
  return { off: off.rate, on: on.rate };
}

function summary(side: Slice[]): { rate: number; apiCpu: number; text: string } {
  const rate = side.reduce((sum, run) => sum + run.result.rateOf(201) * run.result.seconds, 0) / side.reduce((sum, run) => sum + run.result.seconds, 0);
  const p = (key: 'p50' | 'p95' | 'p99'): string => ms(median(side.map((run) => run.result.percentiles(201)[key])));
  const apiCpu = median(side.map((run) => run.apiCpu));
  const other = side.reduce((sum, run) => sum + run.result.requests - (run.result.statuses.get(201) ?? 0), 0);
  return {
    rate,
    apiCpu,
    text: `${rate.toFixed(0)} accepted votes/s  p50 ${p('p50')}  p95 ${p('p95')}  p99 ${p('p99')}  API CPU ${apiCpu.toFixed(3)} ms/vote  Redis CPU ${median(side.map((run) => run.redisCpu)).toFixed(3)} ms/vote  (slices ${side.map((run) => run.result.rateOf(201).toFixed(0)).join(' / ')}; not 201: ${other})`,
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
