/**
 * What the metrics cost a vote (issue 18): CPU per accepted vote of everything a vote records
 * into the Prometheus registry — the HTTP hook's request counter and latency histogram, the
 * append observer's VoteCast count (OutcomeMetrics: tally_votes_total, with a fraud screening
 * decision), and one database query's latency histogram (a vote's share of a group-commit
 * append is less than one query) — with the real TallyMetrics, OutcomeMetrics, AppendObservers
 * and ErrorTracker, beside two references measured in the same rounds: the same loop with
 * nothing recorded (the loop's own cost) and JSON.stringify + JSON.parse of a vote's response
 * body (a small piece of work every vote already pays). Interleaved rounds in one process, so
 * the machine's other load hits all three alike; medians of the rounds.
 *
 *   npm run bench:vote-metrics
 *
 * Knobs: BENCH_METRICS_ROUNDS (10), BENCH_METRICS_PER_ROUND (200000).
 */
import { randomUUID } from 'node:crypto';
import { AppendObservers, EventToAppend } from '@tally/eventstore';
import { ErrorTracker, TallyMetrics } from '@tally/platform';
import { OutcomeMetrics } from '../libs/observability/src/outcome.metrics';

const ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_METRICS_PER_ROUND ?? 200_000);

const ROUTE = '/api/votes';
const voteCast: EventToAppend = { type: 'VoteCast', data: { status: 'accepted', amount: 1, screening: { decision: 'accept' } } } as unknown as EventToAppend;
const response = { voteId: randomUUID(), contestId: randomUUID(), contestantId: randomUUID(), amount: 1, status: 'accepted', creditsLeft: 99 };

function main(): void {
  const metrics = new TallyMetrics();
  const observers = new AppendObservers();
  new OutcomeMetrics(metrics, observers, new ErrorTracker(metrics));
  let sink = 0;
  const cases: Record<string, (i: number) => void> = {
    'nothing recorded (the loop)': (i) => {
      sink += i & 1;
    },
    'metrics of one vote': (i) => {
      metrics.httpRequests.inc({ route: ROUTE, method: 'POST', status: '201' });
      metrics.httpDuration.observe({ route: ROUTE, method: 'POST' }, 0.004 + (i % 50) / 1000);
      observers.notify('voter-stream', [voteCast]);
      metrics.dbQueryDuration.observe({ pool: 'eventstore', outcome: 'ok' }, 0.002 + (i % 20) / 1000);
    },
    'reference: JSON of a vote response': () => {
      sink += (JSON.parse(JSON.stringify(response)) as { amount: number }).amount;
    },
  };
  const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, work] of Object.entries(cases)) {
      const start = process.cpuUsage();
      for (let i = 0; i < PER_ROUND; i++) work(i);
      const used = process.cpuUsage(start);
      samples.get(name)!.push(((used.user + used.system) * 1000) / PER_ROUND); // ns per iteration
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const loop = median(samples.get('nothing recorded (the loop)')!);
  console.log(`${ROUNDS} interleaved rounds of ${PER_ROUND}, process CPU per iteration (median of rounds; min–max):`);
  for (const [name, values] of samples) {
    const m = median(values);
    console.log(`  ${name.padEnd(36)}: ${(m / 1000).toFixed(3)} µs  (${(Math.min(...values) / 1000).toFixed(3)}–${(Math.max(...values) / 1000).toFixed(3)})${name === 'nothing recorded (the loop)' ? '' : `, minus the loop ${((m - loop) / 1000).toFixed(3)} µs`}`);
  }
  const perVote = (median(samples.get('metrics of one vote')!) - loop) / 1000;
  console.log(`  metrics per vote ≈ ${perVote.toFixed(2)} µs = ${((perVote / 400) * 100).toFixed(2)} % of 0.4 ms of API CPU per vote, ${((perVote / 900) * 100).toFixed(2)} % of 0.9 ms (bench:votes, docs/scaling.md)`);
  if (sink < 0) console.log(sink); // keeps the references' work from being optimised away
}

main();
