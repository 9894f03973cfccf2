import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../apps/cli/src/cli';
import { MikroORM } from '@mikro-orm/postgresql';
import { openEnvelope } from '@tally/platform';
import { ballotSnapshotContext, canonicalEntry, leafHash, TenantKeys, verifyConsistency, verifyReceipt, verifyTreeHeadSignature } from '@tally/anchoring';
import type { LogEntry, VoteReceipt } from '@tally/anchoring';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Issue 16 end to end (PostgreSQL): votes become leaves of their event's Merkle log; a receipt
 * proves inclusion against a signed head and verifies offline; heads are consistent; refunds are
 * leaves too; the close signs the final head and seals the ballots to its root.
 */
interface SnapshotRow {
  tenant_id: string;
  event_id: string;
  tree_size: string;
  merkle_root: string;
  key_id: string;
  ballots: number;
  encrypted_json: { kid: string; iv: string; ct: string };
}

describe('verifiable log: receipts, signed tree heads, ballot snapshots', () => {
  let k: VotingE2e;

  beforeAll(async () => {
    k = await startVotingE2e({ VOTING_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:` }, 'postgres');
  }, 90_000);

  afterAll(async () => {
    await k?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const dir = mkdtempSync(join(tmpdir(), 'tally-anchoring-'));
  /** No database anywhere: the verify commands must not need one (a closed port, were they to try). */
  const NO_DATABASE = { DATABASE_URL: 'postgres://tally:tally@127.0.0.1:1/nothing_test', DATA_DIR: dir };
  const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (chunk: Buffer) => chunks.out.push(chunk));
    err.on('data', (chunk: Buffer) => chunks.err.push(chunk));
    const needsApp = argv[0] === 'contest:export';
    const code = await runCli(argv, { env: NO_DATABASE, io: { out, err, interactive: false }, ...(needsApp ? { createApp: () => Promise.resolve(k.t.app) } : {}) });
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  };

  const receiptOf = (voteId: string, token: string) =>
    eventually(async () => {
      const res = await k.call('get', `/api/votes/${voteId}/receipt`, token);
      if (res.status !== 200) throw new Error(`receipt ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as VoteReceipt;
    });

  it('answers a receipt that verifies offline against the published key, and refuses a tampered one', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 50);
    const cast = [];
    for (let i = 0; i < 5; i++) cast.push(await k.vote(voter.token, contestants[i % 3], i + 1));
    expect(cast.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    const voteId = cast[3].body.voteId as string;
    // POST /api/votes names the receipt in a Link header (its body stays API.md's): its id is the vote id.
    const receiptUrl = /^<([^>]+)>; rel="receipt"$/.exec(String(cast[3].headers.link))?.[1];
    expect(receiptUrl).toBe(`/api/votes/${voteId}/receipt`);

    const receipt = await eventually(async () => {
      const r = await receiptOf(voteId, voter.token);
      if (r.treeHead.treeSize < 5) throw new Error('head not at 5 yet');
      return r;
    });
    expect((await k.call('get', receiptUrl!, voter.token)).body).toMatchObject({ receiptId: voteId, leafIndex: 3 });
    expect(receipt).toMatchObject({ receiptId: voteId, voteId, contestId: eventId, leafIndex: 3, leaf: { entry: { kind: 'vote-cast', voteId, contestantId: contestants[0], amount: 4, status: 'accepted' } } });
    expect(receipt.treeHead).toMatchObject({ tenantId: k.t.tenantId, contestId: eventId, treeSize: 5 });

    const key = await k.t.http().get(`/.well-known/tally/tenants/${k.t.tenantId}/log-key`);
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: receipt.treeHead.keyId, publicKey: receipt.logKey.publicKey });
    expect(key.body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const published = Buffer.from(key.body.publicKey as string, 'base64');
    expect(verifyReceipt(receipt, published)).toEqual({ valid: true, checks: { leafHash: true, leafMatchesVote: true, inclusion: true, signature: true }, problems: [] });

    // Tampering with the amount, the proof, the head or signing with another key: each is caught.
    const amount = verifyReceipt({ ...receipt, leaf: { ...receipt.leaf, entry: { ...receipt.leaf.entry, amount: 40 } } }, published);
    expect(amount).toMatchObject({ valid: false, checks: { leafHash: false } });
    const proof = verifyReceipt({ ...receipt, inclusionProof: [receipt.inclusionProof[0].replace(/^./, (c) => (c === '0' ? '1' : '0')), ...receipt.inclusionProof.slice(1)] }, published);
    expect(proof).toMatchObject({ valid: false, checks: { inclusion: false, leafHash: true } });
    const size = verifyReceipt({ ...receipt, treeHead: { ...receipt.treeHead, treeSize: 6 } }, published);
    expect(size).toMatchObject({ valid: false, checks: { signature: false } });

    // Through the API too: POST /api/votes/verify takes a receipt.
    const checked = await k.call('post', '/api/votes/verify', voter.token, { receipt });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ valid: true, checks: { leafHash: true, inclusion: true, signature: true } });
    const bad = await k.call('post', '/api/votes/verify', voter.token, { receipt: { ...receipt, leaf: { ...receipt.leaf, entry: { ...receipt.leaf.entry, amount: 40 } } } });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);

    // Another voter does not get this vote's receipt; an unknown vote has none.
    const other = await k.voter();
    expect((await k.call('get', `/api/votes/${voteId}/receipt`, other.token)).body.type).toBe(problemType('receipt-not-found'));
    expect((await k.call('get', `/api/votes/${randomUUID()}/receipt`, voter.token)).status).toBe(404);
    expect((await k.call('get', `/api/votes/not-a-uuid/receipt`, voter.token)).status).toBe(400);
  });

  it('keeps every head consistent with the later ones, logs refunds, and seals the ballots to the final root at the close', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 50);
    const first = await k.vote(voter.token, contestants[0], 2);
    const firstHead = await eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`);
      if (res.status !== 200) throw new Error(`head ${res.status}`);
      return res.body as { treeSize: number; rootHash: string };
    }, 30_000); // the first head of an event waits for the projection's next batch: 10 s was not enough at load 32
    expect(firstHead.treeSize).toBe(1);
    await k.vote(voter.token, contestants[1], 3);
    await k.vote(voter.token, contestants[2], 4);
    const refund = await k.call('delete', `/api/votes/${first.body.voteId}`, voter.token);
    expect(refund.status).toBe(200);
    const latest = await eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`);
      if (res.body.treeSize !== 4) throw new Error(`head at ${res.body.treeSize}`);
      return res.body as { treeSize: number; rootHash: string };
    });
    const consistency = await k.call('get', `/api/events/${eventId}/log/consistency?first=1`);
    expect(consistency.status).toBe(200);
    expect(consistency.body.second.treeSize).toBe(4);
    const toBuffer = (hex: string) => Buffer.from(hex, 'hex');
    expect(verifyConsistency(1, 4, toBuffer(firstHead.rootHash), toBuffer(latest.rootHash), (consistency.body.proof as string[]).map(toBuffer))).toBe(true);
    expect((await k.call('get', `/api/events/${eventId}/log/consistency?first=7`)).status).toBe(404);
    expect((await k.call('get', `/api/events/${eventId}/log/consistency?first=zero`)).status).toBe(422);

    const closed = await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' });
    expect(closed.status).toBe(200);
    const orm = k.t.app.get(MikroORM);
    const [snapshot] = await eventually(async () => {
      const rows: SnapshotRow[] = await orm.em.getConnection().execute<SnapshotRow[]>(
        'select * from ballot_snapshots where event_id = ?',
        [eventId],
      );
      if (rows.length === 0) throw new Error('no snapshot yet');
      return rows;
    });
    expect(snapshot).toMatchObject({ tree_size: '4', merkle_root: latest.rootHash, ballots: 3 });
    expect(JSON.stringify(snapshot.encrypted_json)).not.toContain(voter.userId);
    const sql = <Row>(statement: string, params: unknown[]): Promise<Row[]> => orm.em.getConnection().execute<Row[]>(statement, params);
    const key = await k.t.app.get(TenantKeys).snapshotKey(sql, k.t.tenantId);
    expect(key.keyId).toBe(snapshot.key_id);
    const ballots = JSON.parse(openEnvelope(key.key, snapshot.encrypted_json, ballotSnapshotContext(k.t.tenantId, eventId, 4, latest.rootHash))) as { userId: string; amount: number; final: string }[];
    expect(ballots.map((b) => [b.userId, b.amount, b.final])).toEqual([
      [voter.userId, 2, 'gone'],
      [voter.userId, 3, 'counted'],
      [voter.userId, 4, 'counted'],
    ]);
    // Bound to the final root: opened as another root, the tag fails.
    expect(() => openEnvelope(key.key, snapshot.encrypted_json, ballotSnapshotContext(k.t.tenantId, eventId, 4, firstHead.rootHash))).toThrow();
    const head = (await k.call('get', `/api/events/${eventId}/log/head`)).body;
    const published = Buffer.from((await k.t.http().get(`/.well-known/tally/tenants/${k.t.tenantId}/log-key`)).body.publicKey as string, 'base64');
    expect(verifyTreeHeadSignature(head, published)).toBe(true);
  });

  it('exports an event and verifies it offline with the CLI, no database; a tampered vote is named', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voters = [await k.voter(), await k.voter()];
    for (const voter of voters) await k.grant(voter.userId, 40);
    const votes = [];
    for (let i = 0; i < 6; i++) votes.push(await k.vote(voters[i % 2].token, contestants[i % 3], i + 1));
    expect(votes.every((res) => res.status === 201)).toBe(true);
    expect((await k.call('delete', `/api/votes/${votes[1].body.voteId}`, voters[1].token)).status).toBe(200);
    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' })).status).toBe(200);
    // Settled: the head covers all 7 leaves and the leaderboard shows the refund.
    await eventually(async () => {
      const head = await k.call('get', `/api/events/${eventId}/log/head`);
      if (head.body.treeSize !== 7) throw new Error(`head at ${head.body.treeSize}`);
      const board = await k.call('get', `/api/leaderboard/event/${eventId}`, k.organizer);
      const total = (board.body.items as { votes: number }[]).reduce((sum, item) => sum + item.votes, 0);
      if (total !== 1 + 3 + 4 + 5 + 6) throw new Error(`leaderboard total ${total}`);
    });

    const file = join(dir, 'event.jsonl');
    expect(await cli('contest:export', eventId, '--out', file)).toMatchObject({ code: 0, err: expect.stringContaining('Exported 7 leaves') });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.type).filter((type, i, all) => all.indexOf(type) === i)).toEqual(['log', 'head', 'leaf', 'tally']);

    // Standalone, as an outside auditor runs it: no application is booted, and the only database configured is a closed port.
    const run = await cli('verify:contest', file);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`VERIFIED: ${file}`);
    expect(run.out).toMatch(/signed heads recomputed and verified (\d+)\/\1/);
    expect(run.err).toContain('[##########] 7/7 leaves');

    // Tamper with one vote's amount: the verifier names it, the heads and the tally fail.
    const tamperedVote = votes[4].body.voteId as string;
    const tampered = lines.map((line) => (line.type === 'leaf' && (line.entry as { voteId: string; kind: string }).voteId === tamperedVote ? { ...line, entry: { ...(line.entry as object), amount: 50 } } : line));
    writeFileSync(join(dir, 'tampered.jsonl'), tampered.map((line) => JSON.stringify(line)).join('\n'));
    const caught = await cli('verify:contest', join(dir, 'tampered.jsonl'));
    expect(caught.code).toBe(1);
    expect(caught.out).toContain(`TAMPERED vote ${tamperedVote} (leaf 4)`);
    expect(caught.out).toContain('FAILED');
    expect(caught.out).toContain('DIFFERS FROM');

    // Hash and all, recomputed by the tamperer: the signed heads still catch it, naming the votes since the last good head.
    const rehashed = tampered.map((line) => {
      if (line.type !== 'leaf' || (line.entry as { voteId: string }).voteId !== tamperedVote) return line;
      return { ...line, hash: leafHash(canonicalEntry(line.entry as LogEntry)).toString('hex') };
    });
    writeFileSync(join(dir, 'rehashed.jsonl'), rehashed.map((line) => JSON.stringify(line)).join('\n'));
    const rehashedRun = await cli('verify:contest', join(dir, 'rehashed.jsonl'), '--json');
    const report = JSON.parse(rehashedRun.out) as { ok: boolean; tamperedVotes: { voteId: string }[]; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.tamperedVotes.map((vote) => vote.voteId)).toContain(tamperedVote);
    expect(report.problems.join('\n')).toMatch(/head of size \d+: the leaves hash to root/);

    // A receipt saved to a file verifies offline; with another key it does not.
    const receipt = await receiptOf(votes[0].body.voteId as string, voters[0].token);
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(receipt));
    expect(await cli('verify:receipt', join(dir, 'receipt.json'))).toMatchObject({ code: 0, out: expect.stringContaining('VALID: vote') });
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    expect(await cli('verify:receipt', join(dir, 'receipt.json'), '--key', otherKey)).toMatchObject({ code: 1, out: expect.stringContaining('INVALID') });
    writeFileSync(join(dir, 'not-a-receipt.json'), '{"voteId": 1}');
    expect(await cli('verify:receipt', join(dir, 'not-a-receipt.json'))).toMatchObject({ code: 2, err: expect.stringContaining('Not a vote receipt') });
    // A directory: every export in it, failing when one fails.
    expect(await cli('verify:contest', dir)).toMatchObject({ code: 1, out: expect.stringContaining(`VERIFIED: ${file}`) });
  }, 120_000);
});
