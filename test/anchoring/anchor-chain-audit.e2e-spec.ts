import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Wallet } from 'ethers';
import { Pool } from 'pg';
import { runCli } from '../../apps/cli/src/cli';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { canonicalEntry, EthersAnchorChain, jsonRpcProvider, MemoryMerkleTree, PostgresAnchorSendLock, treeHeadBytes, treeHeadDigest } from '@tally/anchoring';
import type { AnchorContent, LogEntry, SignedTreeHead, UnsignedTreeHead } from '@tally/anchoring';
import { InProcessChain } from './anchoring-chain-kit';

/**
 * Issue 16, the parts an outside auditor and a second publishing process see, with no Tally
 * application: `verify:contest --rpc` reads every exported anchor's transaction on a real EVM
 * node (ganache 7.9.2 over JSON-RPC HTTP) and names an anchor whose transaction is missing or
 * anchors something else; without --rpc it says the chain was not checked. Then two publishers
 * sharing one key (two processes: each its own provider, wallet and PostgreSQL pool) send at once
 * under the advisory send lock: every anchor goes out, each with its own nonce.
 */
describe('anchors checked on the chain by the offline verifier; one key, two publishers', () => {
  let chain: InProcessChain;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'tally-anchor-audit-'));
  /** The verifier must not need a database: the only one configured is a closed port. */
  const NO_DATABASE = { DATABASE_URL: 'postgres://tally:tally@127.0.0.1:1/nothing_test', DATA_DIR: dir };

  beforeAll(async () => {
    chain = await InProcessChain.start();
    url = await chain.up();
  }, 60_000);

  afterAll(async () => {
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (chunk: Buffer) => chunks.out.push(chunk));
    err.on('data', (chunk: Buffer) => chunks.err.push(chunk));
    const code = await runCli(argv, { env: { ...NO_DATABASE, ...env }, io: { out, err, interactive: false } });
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  };

  const publisherOn = (contractAddress: string, account: number, sendLock?: PostgresAnchorSendLock): EthersAnchorChain =>
    new EthersAnchorChain(jsonRpcProvider(url, chain.chainId, 5_000), new Wallet(chain.privateKey(account)), { name: 'ganache-test', chainId: chain.chainId, contractAddress, confirmations: 1 }, sendLock);

  describe('verify:contest with and without --rpc', () => {
    const tenantId = 'acme';
    const contestId = randomUUID();
    const contestants = [randomUUID(), randomUUID()];
    let file: string;
    let lines: Record<string, unknown>[];
    let anchorIds: string[];

    /** A contest's export as contest:export writes it: six votes, heads at 3 and 6 signed by the tenant key, both heads anchored. */
    beforeAll(async () => {
      const contractAddress = await chain.deployAnchorContract(0);
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const rawKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
      const keyId = createHash('sha256').update(rawKey).digest('hex');
      const tree = new MemoryMerkleTree();
      const leaves: Record<string, unknown>[] = [];
      const heads: SignedTreeHead[] = [];
      for (let i = 0; i < 6; i++) {
        const entry: LogEntry = { v: 1, kind: 'vote-cast', eventId: randomUUID(), contestId, voteId: randomUUID(), contestantId: contestants[i % 2], amount: i + 1, status: 'accepted', wasCounted: null, reason: null, at: new Date(Date.UTC(2026, 11, 4, 18, 0, i)).toISOString() };
        leaves.push({ type: 'leaf', index: i, hash: tree.appendLeaf(canonicalEntry(entry)).toString('hex'), entry });
        if (i === 2 || i === 5) {
          const head: UnsignedTreeHead = { tenantId, contestId, treeSize: i + 1, rootHash: tree.root().toString('hex'), timestamp: new Date(Date.UTC(2026, 11, 4, 18, 1, i)).toISOString(), keyId };
          heads.push({ ...head, signature: sign(null, treeHeadBytes(head), privateKey).toString('base64url') });
        }
      }
      const publisher = publisherOn(contractAddress, 0);
      const anchors: Record<string, unknown>[] = [];
      for (const head of heads) {
        const content: AnchorContent = { contestId, treeSize: head.treeSize, rootHash: head.rootHash, headDigest: treeHeadDigest(head).toString('hex') };
        const sent = await publisher.publish(content);
        const receipt = await chain.provider.getTransactionReceipt(sent.txHash);
        const block = await chain.provider.getBlock(receipt!.blockNumber);
        anchors.push({
          type: 'anchor',
          anchorId: randomUUID(),
          ...content,
          chain: 'ganache-test',
          chainId: chain.chainId,
          ...sent,
          blockNumber: receipt!.blockNumber,
          blockHash: receipt!.blockHash,
          timestamp: new Date(block!.timestamp * 1000).toISOString(),
        });
      }
      publisher.close();
      await chain.mine(12);
      anchorIds = anchors.map((anchor) => anchor.anchorId as string);
      const header = { type: 'log', format: 'tally-contest-log-v1', tenantId, contestId, leaves: 6, logKey: { keyId, publicKey: rawKey.toString('base64') }, exportedAt: new Date().toISOString() };
      const tally = { type: 'tally', source: 'leaderboard', counts: { [contestants[0]]: 1 + 3 + 5, [contestants[1]]: 2 + 4 + 6 } };
      lines = [header, ...heads.map((head) => ({ type: 'head', ...head })), ...leaves, ...anchors, tally];
      file = join(dir, 'contest.jsonl');
      writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    }, 60_000);

    it('without --rpc, says the chain was not checked rather than calling the anchors verified', async () => {
      const run = await cli({}, 'verify:contest', file);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`VERIFIED (the log only; anchors NOT checked on the chain): ${file}`);
      expect(run.out).toContain('anchors matching a head 2/2');
      expect(run.out).toContain('anchors on the chain: SKIPPED, not verified (no --rpc): 2 anchor(s) matched to heads by digest only');
    });

    it('with --rpc (or ANCHORING_VERIFY_RPC_URL), reads each transaction back and prints what it found', async () => {
      const run = await cli({}, 'verify:contest', file, '--rpc', url);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`VERIFIED: ${file}`);
      expect(run.out).toContain(`anchors on the chain (read through ${url}): 2/2 confirmed`);
      for (const [i, anchorId] of anchorIds.entries()) {
        const line = lines.find((l) => l.anchorId === anchorId)!;
        expect(run.out).toContain(`anchor ${anchorId} (head of size ${i === 0 ? 3 : 6}): confirmed, transaction ${String(line.txHash)} in block ${String(line.blockNumber)} ${String(line.blockHash)}`);
      }
      const json = await cli({ ANCHORING_VERIFY_RPC_URL: url }, 'verify:contest', file, '--json');
      const report = JSON.parse(json.out) as { ok: boolean; chain: { checked: boolean; confirmed: number; anchors: { state: string; confirmations: number }[] } };
      expect(report.ok).toBe(true);
      expect(report.chain).toMatchObject({ checked: true, confirmed: 2 });
      expect(report.chain.anchors.map((a) => a.state)).toEqual(['confirmed', 'confirmed']);
      expect(report.chain.anchors.every((a) => a.confirmations >= 12)).toBe(true);
      // Not deep enough for a stricter auditor: named, and the verdict fails.
      const strict = await cli({}, 'verify:contest', file, '--rpc', url, '--confirmations', '1000');
      expect(strict.code).toBe(1);
      expect(strict.out).toMatch(/MINED, transaction 0x[0-9a-f]{64}: only \d+ of 1000 confirmations/);
    });

    it('names an anchor whose transaction is missing, and one whose transaction anchors other data', async () => {
      const [first, second] = anchorIds;
      const secondTx = lines.find((l) => l.anchorId === second)!.txHash as string;
      const missingTx = `0x${randomBytes(32).toString('hex')}`;
      // The first anchor's transaction is unknown to the chain; the second names the first head's transaction (its call data anchors size 3, not 6).
      const firstTx = lines.find((l) => l.anchorId === first)!.txHash as string;
      const tampered = lines.map((line) => (line.anchorId === first ? { ...line, txHash: missingTx } : line.anchorId === second ? { ...line, txHash: firstTx } : line));
      writeFileSync(join(dir, 'tampered-anchors.jsonl'), tampered.map((line) => JSON.stringify(line)).join('\n'));
      const run = await cli({}, 'verify:contest', join(dir, 'tampered-anchors.jsonl'), '--rpc', url);
      expect(run.code).toBe(1);
      expect(run.out).toContain('FAILED');
      expect(run.out).toContain('anchors on the chain');
      expect(run.out).toContain('0/2 confirmed');
      expect(run.out).toContain(`anchor ${first} (head of size 3): MISSING, transaction ${missingTx}: the transaction is unknown to the chain`);
      expect(run.out).toContain(`anchor ${second} (head of size 6): MISMATCH, transaction ${firstTx}: its call data anchors another contest, size, root or digest`);
      expect(secondTx).not.toBe(firstTx);
      // The log itself is still fine: the failure is the chain's alone.
      expect(run.out).toContain('signed heads recomputed and verified 2/2');
    });

    it('says so when the node does not answer, and refuses a bad --rpc or --confirmations', async () => {
      await chain.down();
      try {
        const run = await cli({}, 'verify:contest', file, '--rpc', url);
        expect(run.code).toBe(1);
        expect(run.out).toContain('UNREACHABLE');
      } finally {
        await chain.up();
      }
      expect(await cli({}, 'verify:contest', file, '--rpc', 'not a url')).toMatchObject({ code: 2, err: expect.stringContaining('--rpc must be an http(s) URL') });
      expect(await cli({}, 'verify:contest', file, '--confirmations', 'zero')).toMatchObject({ code: 2, err: expect.stringContaining('--confirmations must be a whole number') });
    });
  });

  describe('two processes publishing with one key', () => {
    let database: TestDatabase;
    const pools: Pool[] = [];

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
    }, 60_000);

    afterAll(async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      await database?.drop();
    });

    it('sends every anchor once, each with its own nonce, when both send at the same time', async () => {
      // Account 1 deploys its own contract (only the deployer may anchor) and has sent nothing else since.
      const contractAddress = await chain.deployAnchorContract(1);
      const processes = [0, 1].map(() => {
        const pool = new Pool({ connectionString: database.url, max: 2 });
        pools.push(pool);
        return publisherOn(contractAddress, 1, new PostgresAnchorSendLock(pool));
      });
      const contestId = randomUUID();
      const contents = Array.from({ length: 24 }, (_, i): AnchorContent => ({ contestId, treeSize: i + 1, rootHash: randomBytes(32).toString('hex'), headDigest: randomBytes(32).toString('hex') }));
      const sent = await Promise.allSettled(contents.map((content, i) => processes[i % 2].publish(content)));
      processes.forEach((publisher) => publisher.close());
      expect(sent.filter((result) => result.status === 'rejected')).toEqual([]);
      const hashes = sent.map((result) => (result as PromiseFulfilledResult<{ txHash: string }>).value.txHash);
      expect(new Set(hashes).size).toBe(24);
      const transactions = await Promise.all(hashes.map((hash) => chain.provider.getTransaction(hash)));
      const nonces = transactions.map((tx) => tx!.nonce).sort((a, b) => a - b);
      const deployNonce = (await chain.provider.getTransactionCount(chain.wallet(1).address)) - 25;
      expect(nonces).toEqual(Array.from({ length: 24 }, (_, i) => deployNonce + 1 + i));
      const receipts = await Promise.all(hashes.map((hash) => chain.provider.getTransactionReceipt(hash)));
      expect(receipts.map((receipt) => receipt?.status)).toEqual(Array.from({ length: 24 }, () => 1));
    }, 60_000);
  });
});
