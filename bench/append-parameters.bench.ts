/**
 * What it costs to hand a batch of events' data and metadata to PostgreSQL, as the event store's
 * append does: as text[] parameters (every element escaped into an array literal by node-postgres
 * and unescaped by the server, the encoding before 2026-12-05) or as one JSON array per column
 * unpacked with jsonb_array_elements (the encoding now). Only the parameters are measured: the
 * statement just counts them, so the figures are the encoding's own cost. Both encodings run in
 * interleaved rounds on one connection, for a vote with its screening record and one without.
 * Prints, per event: this process's CPU (the client's encoding), the server backend's CPU
 * (/proc; run it on the database's machine), and the wall time.
 *
 *   BENCH_POSTGRES_ADMIN_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:append-parameters
 *
 * Knobs: BENCH_PARAMETER_BATCH (16 events per statement, the group commit's usual batch under
 * load), BENCH_PARAMETER_CALLS (2000 statements per round), BENCH_PARAMETER_ROUNDS (4).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { jsonArrayOf, jsonbArray } from '../libs/eventstore/src/postgres/postgres-event-store';
import { median } from './support/compare-sides';
import { ADMIN_URL } from './support/pg-bench';
import { cpuMs } from './support/server';

const BATCH = Number(process.env.BENCH_PARAMETER_BATCH ?? 16);
const CALLS = Number(process.env.BENCH_PARAMETER_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_PARAMETER_ROUNDS ?? 4);

const TEXT_ARRAYS = 'SELECT cardinality($1::jsonb[]) + cardinality($2::jsonb[]) AS n';
// The store's own unpacking (PostgresEventStore.append), so the bench measures what it sends.
const JSON_ARRAYS = `SELECT cardinality(${jsonbArray(1)}) + cardinality(${jsonbArray(2)}) AS n`;

/** A VoteCast's data as the vote path writes it; with `screened`, the record fraud screening adds (a voter without phone or device). */
function voteData(screened: boolean): Record<string, unknown> {
  const vote = {
    voteId: randomUUID(),
    userId: randomUUID(),
    contestId: randomUUID(),
    contestantId: randomUUID(),
    amount: 1,
    status: 'accepted',
    source: 'paid',
    castAt: new Date().toISOString(),
    remaining: 41,
    idempotencyKey: randomUUID(),
  };
  if (!screened) return vote;
  return {
    ...vote,
    screening: {
      score: 6,
      decision: 'accept',
      modelVersion: 'fraud-v2',
      factors: [
        { signal: 'phoneReputation', risk: 0.2, weight: 30, contribution: 6, inputs: { type: null, accountsOnPrefix: 0, verifiedHoursAgo: null } },
        { signal: 'votePattern', risk: 0, weight: 45, contribution: 0, inputs: { gaps: 9, cv: 0.412, smallestGapMs: 812, votesSincePurchase: 0, metronomic: 0, rapid: 0, burst: 0 } },
        { signal: 'paymentRisk', risk: 0, weight: 35, contribution: 0, inputs: { completed: 3, refunds: 0, disputes: 0, warnings: 0, cards: 1, accountsOnCard: 1 } },
      ],
    },
  };
}

function metadata(): Record<string, unknown> {
  return { tenantId: 'bench', actorId: randomUUID(), clientIp: '127.0.0.1', correlationId: randomUUID(), causationId: null };
}

interface Cost {
  clientUs: number;
  serverUs: number;
  wallUs: number;
}

async function run(client: Client, backendPid: number, name: string, text: string, values: () => unknown[]): Promise<Cost> {
  const cpu = process.cpuUsage();
  const server = cpuMs(backendPid);
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await client.query({ name, text, values: values() });
  const used = process.cpuUsage(cpu);
  const events = CALLS * BATCH;
  return { clientUs: (used.user + used.system) / events, serverUs: ((cpuMs(backendPid) - server) * 1000) / events, wallUs: ((performance.now() - started) * 1000) / events };
}

async function main(): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  const backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  console.log(`${BATCH} events per statement, ${CALLS} statements per round, ${ROUNDS} rounds interleaved; per event: client CPU, server CPU, wall (median of the rounds)`);
  for (const screened of [true, false]) {
    const data = Array.from({ length: BATCH }, () => JSON.stringify(voteData(screened)));
    const metas = Array.from({ length: BATCH }, () => JSON.stringify(metadata()));
    const costs = { text: [] as Cost[], json: [] as Cost[] };
    // The encoding work is in values(): node-postgres escapes the arrays when the query is sent.
    for (let round = 0; round < ROUNDS; round++) {
      costs.text.push(await run(client, backendPid, `text-${screened}`, TEXT_ARRAYS, () => [data, metas]));
      costs.json.push(await run(client, backendPid, `json-${screened}`, JSON_ARRAYS, () => [jsonArrayOf(data), jsonArrayOf(metas)]));
    }
    const line = (label: string, side: Cost[]) =>
      `  ${label}: client ${median(side.map((c) => c.clientUs)).toFixed(1)} µs  server ${median(side.map((c) => c.serverUs)).toFixed(1)} µs  wall ${median(side.map((c) => c.wallUs)).toFixed(1)} µs`;
    console.log(`VoteCast ${screened ? 'with its screening record' : 'without screening'} (data ${data[0].length} B, metadata ${metas[0].length} B):`);
    console.log(line('text[] parameters (before)', costs.text));
    console.log(line('one JSON array each (now) ', costs.json));
  }
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
