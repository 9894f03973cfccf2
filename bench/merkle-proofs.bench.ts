/**
 * The Merkle log at scale (issue 16): builds one contest's log of BENCH_LEAVES leaves
 * (1,000,000 by default) through the projection's own batch code (MerkleLogBatch: leaves,
 * perfect subtrees and sizes, three statements per batch) on PostgreSQL, then serves
 * BENCH_PROOFS inclusion proofs for random leaves against the full tree the way
 * GET /api/votes/{id}/receipt does, counting statements and rows read per proof.
 *
 *   npm run bench:merkle
 *   BENCH_LEAVES=200000 BENCH_BATCH=2000 npm run bench:merkle
 *
 * Prints: append rate (leaves/s, to compare with bench:votes' votes/s: the tree keeps up while
 * it is higher), and per proof: statements, rows, p50/p99 latency. It creates and drops its own database.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { anchoringSchema, inclusionProof, leafHash, MerkleLogBatch, nodesRead, readNodes, rootHash, Sql, canonicalEntry, verifyInclusion } from '@tally/anchoring';
import type { LogEntry } from '@tally/anchoring';
import { createTestDatabase } from '@tally/platform';

const LEAVES = Number(process.env.BENCH_LEAVES ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const PROOFS = Number(process.env.BENCH_PROOFS ?? 1000);

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres');
  const client = new Client({ connectionString: database.url });
  await client.connect();
  let statements = 0;
  let rows = 0;
  const sql: Sql = async <Row>(text: string, params: unknown[]): Promise<Row[]> => {
    statements++;
    let n = 0;
    const result = await client.query(text.replace(/\?/g, () => `$${++n}`), params);
    rows += result.rowCount ?? 0;
    return result.rows as Row[];
  };
  try {
    for (const migration of anchoringSchema.migrations) {
      const m = new migration.class();
      await m.up();
      for (const query of m.getQueries()) {
        if (typeof query !== 'string') throw new Error(`${migration.name}: a migration statement that is not SQL text`);
        await client.query(query);
      }
    }
    const tenantId = 'bench';
    const contestId = randomUUID();
    const contestants = [randomUUID(), randomUUID(), randomUUID()];
    const entry = (i: number): LogEntry => ({
      v: 1,
      kind: 'vote-cast',
      eventId: randomUUID(),
      contestId,
      voteId: randomUUID(),
      contestantId: contestants[i % 3],
      amount: 1 + (i % 5),
      status: 'accepted',
      wasCounted: null,
      reason: null,
      at: new Date(Date.UTC(2026, 2, 1) + i).toISOString(),
    });

    const started = performance.now();
    for (let from = 0; from < LEAVES; from += BATCH) {
      await client.query('begin');
      const batch = new MerkleLogBatch(sql);
      await batch.open([contestId]);
      for (let i = from; i < Math.min(from + BATCH, LEAVES); i++) {
        const e = entry(i);
        batch.append({ tenantId, userId: `voter-${i % 1000}`, entry: e }, e.eventId);
      }
      await batch.flush(new Date());
      await client.query('commit');
      if ((from / BATCH) % 20 === 0) process.stderr.write(`  ${Math.min(from + BATCH, LEAVES)} leaves…\n`);
    }
    const buildSeconds = (performance.now() - started) / 1000;
    const [{ nodes }] = (await client.query<{ nodes: string }>('select count(*) as nodes from merkle_nodes')).rows;
    const [{ size }] = (await client.query<{ size: string }>('select pg_size_pretty(pg_total_relation_size(\'merkle_nodes\') + pg_total_relation_size(\'vote_hashes\')) as size')).rows;

    // Serving proofs: the leaf row, then the proof's nodes in one statement (the head is one more, by primary key, in the API).
    const [{ root_hash }] = (await client.query<{ root_hash: Buffer }>('select root_hash from merkle_logs where contest_id = $1', [contestId])).rows;
    const latencies: number[] = [];
    const statementsPerProof: number[] = [];
    const rowsPerProof: number[] = [];
    for (let p = 0; p < PROOFS; p++) {
      const index = Math.floor(Math.random() * LEAVES);
      const [s0, r0] = [statements, rows];
      const t0 = performance.now();
      const [leaf] = await sql<{ vote_hash: Buffer }>('select vote_hash from vote_hashes where contest_id = ? and leaf_index = ?', [contestId, index]);
      const nodes = await readNodes(sql, contestId, nodesRead((n) => [inclusionProof(index, LEAVES, n), rootHash(LEAVES, n)]));
      const proof = inclusionProof(index, LEAVES, nodes);
      latencies.push(performance.now() - t0);
      statementsPerProof.push(statements - s0);
      rowsPerProof.push(rows - r0);
      if (!verifyInclusion(index, LEAVES, leaf.vote_hash, proof, root_hash)) throw new Error(`proof of leaf ${index} does not verify`);
    }
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
    // Sanity: the canonical bytes hash the way the verifier hashes them.
    void leafHash(canonicalEntry(entry(0)));
    console.log(
      JSON.stringify(
        {
          leaves: LEAVES,
          batch: BATCH,
          build: { seconds: Number(buildSeconds.toFixed(1)), leavesPerSecond: Math.round(LEAVES / buildSeconds), storedNodes: Number(nodes), tablesSize: size },
          proofs: {
            served: PROOFS,
            statementsPerProof: { min: Math.min(...statementsPerProof), max: Math.max(...statementsPerProof) },
            rowsReadPerProof: { min: Math.min(...rowsPerProof), max: Math.max(...rowsPerProof), log2n: Math.ceil(Math.log2(LEAVES)) },
            latencyMs: { p50: pct(0.5), p99: pct(0.99) },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await client.end();
    await database.drop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
