/**
 * Two API processes on the same database, worker and contest, one with a feature off and one with
 * it on, started together and warmed up alike (V8 takes seconds of votes to reach full speed, so a
 * process warmed longer is faster by itself), then measured in alternating slices (off-on, then
 * on-off, …) so a machine whose load drifts (other work on shared cores) weighs on both alike.
 * bench:votes uses it for BENCH_PROTECTIONS=compare and BENCH_ACCESS_LOG=compare.
 *
 * Each side votes with its own voters, as a single server does: a process keeps the voter streams
 * it serves in memory, and one that served voters the other side has since voted for would first
 * read and fold all of those votes (the other side's whole slice) before its own, a cost neither
 * server has alone, and larger for the slower side, since the faster one appends more per slice.
 */
import { cpuPerRequest, cpuSnapshot, postgresBackendRoles } from './cpu-budget';
import { LoadResult, ms, runLoad } from './load';
import { VoteTraffic } from './vote-load';

export interface ComparedSide {
  urls: string[];
  /** The side's API process, for its CPU per vote. */
  pid: number | undefined;
  /** The side's own voters. */
  traffic: VoteTraffic;
}

export interface Comparison {
  /** What is switched, e.g. `protections` or `access logging`. */
  feature: string;
  /** The goal printed beside the ratio, e.g. `target ≥ 85 %, p99 < 50 ms`. */
  target: string;
  off: ComparedSide;
  on: ComparedSide;
  /** The worker both sides share: the projection work a side's votes cause lands there, during its slice. */
  workerPid?: number;
  connections: number;
  /** Votes each side gets before the rounds (off, then on). */
  warmupSeconds: number;
  /** BENCH_COMPARE_ROUNDS (4) rounds of BENCH_COMPARE_SECONDS (5) slices per side. */
  rounds?: number;
  sliceSeconds?: number;
  /** PostgreSQL's admin URL: splits its CPU per vote by the client its backends serve (api, worker). */
  adminUrl?: string;
}

interface Slice {
  result: LoadResult;
  apiCpu: number;
  workerCpu: number;
  postgresCpu: number;
  /** PostgreSQL's CPU serving the API processes, and the worker. */
  postgresApiCpu: number;
  postgresWorkerCpu: number;
  redisCpu: number;
  /** This bench process: a response with more headers or body costs it more to read. */
  loadGeneratorCpu: number;
  machineCpu: number;
}

/** Runs the slices and prints both lines (rate, median percentiles, API and Redis CPU per vote) with the on ÷ off ratio. */
export async function compareSides(comparison: Comparison): Promise<{ off: number; on: number }> {
  const rounds = comparison.rounds ?? Number(process.env.BENCH_COMPARE_ROUNDS ?? 4);
  const slice = comparison.sliceSeconds ?? Number(process.env.BENCH_COMPARE_SECONDS ?? 5);
  // BENCH_COMPARE_RATE: both sides paced to the same votes/s, so CPU per vote is compared at equal load (the rates then say only whether each side kept up).
  const pace = Number(process.env.BENCH_COMPARE_RATE ?? 0) || undefined;
  const load = ({ urls, traffic }: ComparedSide, seconds: number, ratePerSecond?: number) =>
    runLoad({ url: urls, connections: comparison.connections, seconds, request: traffic.request, onResponse: traffic.onResponse, ratePerSecond });
  // The off side's voters also voted in the report, through the servers above, not through its process.
  const offBefore = comparison.off.traffic.accepted;
  await load(comparison.off, comparison.warmupSeconds);
  await load(comparison.on, comparison.warmupSeconds);
  const runs = { off: [] as Slice[], on: [] as Slice[] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const side = comparison[name];
      const pids = [side.pid, comparison.workerPid];
      const before = cpuSnapshot(pids);
      const result = await load(side, slice, pace);
      const after = cpuSnapshot(pids);
      const cost = cpuPerRequest(before, after, result.requests, comparison.adminUrl ? await postgresBackendRoles(comparison.adminUrl) : new Map());
      runs[name].push({
        result,
        apiCpu: cost.tallyByProcess[0],
        workerCpu: cost.tallyByProcess[1],
        postgresCpu: cost.postgres,
        postgresApiCpu: cost.postgresBy.api ?? 0,
        postgresWorkerCpu: cost.postgresBy.worker ?? 0,
        redisCpu: cost.redis,
        loadGeneratorCpu: cost.loadGenerator,
        machineCpu: cost.machine,
      });
    }
  }
  const off = summary(runs.off);
  const on = summary(runs.on);
  const label = (name: 'off' | 'on') => `${comparison.feature} ${name}`.padEnd(comparison.feature.length + 4);
  const paced = pace ? `, paced at ${pace} votes/s` : '';
  console.log(`\n${comparison.feature} off vs on, same run, ${rounds} rounds of alternating ${slice} s slices, ${comparison.connections} connections${paced} (percentiles: median of the slices'):`);
  console.log(`  POST /api/votes, ${label('off')}: ${off.text}`);
  console.log(`  POST /api/votes, ${label('on')}: ${on.text}`);
  console.log(`  on ÷ off: ${((100 * on.rate) / off.rate).toFixed(1)} % of the rate (${comparison.target}); CPU per vote: API ${signed(on.apiCpu - off.apiCpu)} ms, machine ${signed(on.machineCpu - off.machineCpu)} ms`);
  const paired = roundRatios(runs.off, runs.on);
  console.log(`  on ÷ off per round (its two slices, back to back): ${paired.map((ratio) => ratio.toFixed(1)).join(', ')} %; median ${median(paired).toFixed(1)} %`);
  const [low, high] = ratioInterval(runs.off, runs.on);
  console.log(`  on ÷ off, 95 % interval over the rounds (bootstrap, rounds drawn again with replacement): ${low.toFixed(1)}–${high.toFixed(1)} %`);
  // Every 201 each side's process gave (warm-up included): what a CPU profile of that process is divided by.
  console.log(`  201s per side's process, warm-up included: off ${comparison.off.traffic.accepted - offBefore}, on ${comparison.on.traffic.accepted}`);
  return { off: off.rate, on: on.rate };
}

function summary(side: Slice[]): { rate: number; apiCpu: number; machineCpu: number; text: string } {
  const rate = side.reduce((sum, run) => sum + run.result.rateOf(201) * run.result.seconds, 0) / side.reduce((sum, run) => sum + run.result.seconds, 0);
  const p = (key: 'p50' | 'p95' | 'p99'): string => ms(median(side.map((run) => run.result.percentiles(201)[key])));
  const cpu = (key: 'apiCpu' | 'workerCpu' | 'postgresCpu' | 'postgresApiCpu' | 'postgresWorkerCpu' | 'redisCpu' | 'loadGeneratorCpu' | 'machineCpu'): number => median(side.map((run) => run[key]));
  const postgresSplit = side.some((run) => run.postgresApiCpu > 0) ? ` (api ${cpu('postgresApiCpu').toFixed(3)}, worker ${cpu('postgresWorkerCpu').toFixed(3)})` : '';
  const apiCpu = cpu('apiCpu');
  const machineCpu = cpu('machineCpu');
  const worker = Number.isNaN(cpu('workerCpu')) ? '' : `  worker ${cpu('workerCpu').toFixed(3)}`;
  const other = side.reduce((sum, run) => sum + run.result.requests - (run.result.statuses.get(201) ?? 0), 0);
  return {
    rate,
    apiCpu,
    machineCpu,
    text: `${rate.toFixed(0)} accepted votes/s  p50 ${p('p50')}  p95 ${p('p95')}  p99 ${p('p99')}  CPU ms/vote: API ${apiCpu.toFixed(3)}${worker}  PostgreSQL ${cpu('postgresCpu').toFixed(3)}${postgresSplit}  Redis ${cpu('redisCpu').toFixed(3)}  load generator ${cpu('loadGeneratorCpu').toFixed(3)}  machine ${machineCpu.toFixed(3)}  (slices ${side.map((run) => run.result.rateOf(201).toFixed(0)).join(' / ')}; not 201: ${other})`,
  };
}

/**
 * Each round's on ÷ off, from its two adjacent slices: the machine's load moves within seconds on
 * shared cores, so how far these spread shows how much one run's ratio can be trusted.
 */
function roundRatios(off: readonly Slice[], on: readonly Slice[]): number[] {
  return on.map((slice, round) => (100 * slice.result.rateOf(201)) / off[round].result.rateOf(201));
}

/**
 * A 95 % percentile-bootstrap interval of the rate ratio: rounds drawn again with replacement (a
 * round keeps its two slices together, as the machine's load moved them together), the ratio of
 * the drawn rounds' summed rates each time. With a fixed seed, so one run prints one interval. A
 * target inside it is one this run cannot confirm or refute.
 */
function ratioInterval(off: readonly Slice[], on: readonly Slice[], draws = 4000): [number, number] {
  let seed = 0x2545f491;
  const next = (): number => {
    // xorshift32: reproducible, and plenty for choosing rounds.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  const ratios: number[] = [];
  for (let draw = 0; draw < draws; draw++) {
    let onSum = 0;
    let offSum = 0;
    for (let i = 0; i < on.length; i++) {
      const round = Math.floor(next() * on.length);
      onSum += on[round].result.rateOf(201);
      offSum += off[round].result.rateOf(201);
    }
    ratios.push((100 * onSum) / offSum);
  }
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(0.025 * draws)], ratios[Math.ceil(0.975 * draws) - 1]];
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
