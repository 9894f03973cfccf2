import { createHash, randomUUID } from 'node:crypto';
import { Contract, Wallet } from 'ethers';
import {
  AnchorRecheckJob,
  anchorContractArtifact,
  AnchorRow,
  BlockchainAnchors,
  contestIdBytes32,
  DailyAnchorsJob,
  EthersAnchorChain,
  jsonRpcProvider,
  treeHeadDigest,
  verifyAnchorTransaction,
} from '@tally/anchoring';
import type { AnchorContent, SignedTreeHead } from '@tally/anchoring';
import { eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';
import { InProcessChain } from './anchoring-chain-kit';

/**
 * Issue 16's anchoring end to end, on PostgreSQL and a real EVM in process (ganache 7.9.2,
 * reached over JSON-RPC HTTP like any node): closing a contest anchors its final signed tree head
 * and the anchor verifies on the chain; the daily job anchors each head once; a node that is
 * down is retried until the anchor goes through; an anchor a reorganisation took away is found
 * by the recheck and anchored again. First, the ethers adapter alone against the same chain: what
 * reading an anchor back checks, and what the contract refuses. One chain and one app for the file.
 */
describe('anchoring signed tree heads on an EVM chain', () => {
  let chain: InProcessChain;
  let contractAddress: string;
  let k: VotingE2e;
  let anchors: BlockchainAnchors;
  let voter: { userId: string; token: string };

  beforeAll(async () => {
    chain = await InProcessChain.start();
    contractAddress = await chain.deployAnchorContract();
    const url = await chain.up();
    k = await startVotingE2e(
      {
        VOTING_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:`,
        ANCHORING_CHAIN_RPC_URL: url,
        ANCHORING_CHAIN_PRIVATE_KEY: chain.privateKey(0),
        ANCHORING_CHAIN_CONTRACT_ADDRESS: contractAddress,
        ANCHORING_CHAIN_ID: String(chain.chainId),
        ANCHORING_CHAIN_NAME: 'ganache-test',
        ANCHORING_CHAIN_CONFIRMATIONS: '1',
        ANCHORING_CHAIN_RPC_TIMEOUT_MS: '2000',
        ANCHORING_PUBLISH_ATTEMPTS: '200',
        ANCHORING_PUBLISH_RETRY_BASE_MS: '20',
        ANCHORING_PUBLISH_RETRY_MAX_MS: '100',
        ANCHORING_RECHECK_MS: '3600000',
        TASKS_POLL_MS: '50',
      },
      'postgres',
    );
    anchors = k.t.app.get(BlockchainAnchors);
    voter = await k.voter();
    await k.grant(voter.userId, 1_000);
  }, 120_000);

  afterAll(async () => {
    await k?.close();
    await chain?.stop();
  });

  const metric = async (name: string, labels: string): Promise<number> => {
    const res = await k.t.http().get('/metrics');
    const line = res.text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  /** An open contest with `votes` votes cast and in its signed head. */
  const contestWithVotes = async (votes: number): Promise<{ eventId: string; head: SignedTreeHead }> => {
    const { eventId, contestants } = await k.openEvent({});
    for (let i = 0; i < votes; i++) expect((await k.vote(voter.token, contestants[i % contestants.length], 1)).status).toBe(201);
    const head = await eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`, voter.token);
      if (res.status !== 200 || (res.body as SignedTreeHead).treeSize < votes) throw new Error(`head ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as SignedTreeHead;
    });
    return { eventId, head };
  };

  const confirmedAnchor = (eventId: string, treeSize: number): Promise<AnchorRow> =>
    eventually(async () => {
      const anchor = (await anchors.ofContest(k.t.tenantId, eventId)).find((row) => row.treeSize === treeSize);
      if (anchor?.status !== 'confirmed') throw new Error(`anchor ${JSON.stringify(anchor)}`);
      return anchor;
    }, 20_000);

  describe('the ethers adapter (EthersAnchorChain, verifyAnchorTransaction)', () => {
    const hex = (text: string) => createHash('sha256').update(text).digest('hex');
    const content = (): AnchorContent => ({ contestId: randomUUID(), treeSize: 3, rootHash: hex(`root ${randomUUID()}`), headDigest: hex(`head ${randomUUID()}`) });
    const adapter = (account: number) =>
      new EthersAnchorChain(jsonRpcProvider(chain.url, chain.chainId, 15_000), new Wallet(chain.privateKey(account)), { name: 'ganache-test', chainId: chain.chainId, contractAddress, confirmations: 1 });

    it('publishes a head and reads it back confirmed; deeper confirmations come with later blocks', async () => {
      const head = content();
      const publisher = adapter(0);
      const sent = await publisher.publish(head);
      expect(sent).toEqual({ txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), publisher: chain.wallet(0).address, contractAddress });
      expect(await publisher.inspect({ ...head, ...sent, minConfirmations: 1 })).toEqual({ state: 'confirmed', blockNumber: expect.any(Number), blockHash: expect.stringMatching(/^0x/), confirmations: 1, blockTime: expect.any(String) });
      expect(await publisher.inspect({ ...head, ...sent, minConfirmations: 3 })).toMatchObject({ state: 'mined', confirmations: 1 });
      await chain.mine(2);
      expect(await publisher.inspect({ ...head, ...sent, minConfirmations: 3 })).toMatchObject({ state: 'confirmed', confirmations: 3 });
      publisher.close();
    });

    it('names what differs when the transaction is not the anchor expected (root, sender, contract), and an unknown hash is missing', async () => {
      const head = content();
      const publisher = adapter(0);
      const sent = await publisher.publish(head);
      expect(await publisher.inspect({ ...head, ...sent, rootHash: hex('another root'), minConfirmations: 1 })).toEqual({
        state: 'mismatch',
        problems: ['its call data anchors another contest, size, root or digest', 'its Anchored log names another contest, size, root or digest'],
      });
      expect(await publisher.inspect({ ...head, ...sent, publisher: chain.wallet(1).address, minConfirmations: 1 })).toMatchObject({ state: 'mismatch', problems: [expect.stringContaining('not the publisher')] });
      expect(await publisher.inspect({ ...head, ...sent, contractAddress: chain.wallet(2).address, minConfirmations: 1 })).toMatchObject({
        state: 'mismatch',
        problems: [expect.stringContaining('not the anchor contract'), 'its receipt holds no Anchored log of the anchor contract'],
      });
      expect(await verifyAnchorTransaction(chain.provider, { ...head, ...sent, txHash: `0x${hex('nothing')}`, minConfirmations: 1 })).toEqual({ state: 'missing' });
      publisher.close();
    });

    it('is refused by the contract when anyone but the publisher that deployed it anchors', async () => {
      const intruder = adapter(1);
      await expect(intruder.publish(content())).rejects.toThrow(/NotPublisher|revert/i);
      intruder.close();
    });
  });

  it('closing a contest anchors its final signed tree head: on the chain, it verifies (sender, data, Anchored log, block, confirmations)', async () => {
    const { eventId } = await contestWithVotes(4);
    const closed = await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' });
    expect(closed.status).toBe(200);
    const anchor = await confirmedAnchor(eventId, 4);
    const finalHead = await eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`, k.organizer);
      return res.body as SignedTreeHead;
    });
    expect(anchor).toMatchObject({ contestId: eventId, tenantId: k.t.tenantId, trigger: 'contest-closed', chain: 'ganache-test', chainId: chain.chainId, treeSize: 4, rootHash: finalHead.rootHash, contentHash: treeHeadDigest(finalHead).toString('hex'), sends: 1, failures: 0, confirmations: 1 });
    expect(anchor.txHash).toMatch(/^0x[0-9a-f]{64}$/);

    // Read back independently of Tally's table: the transaction, and the contract's event log for this contest.
    const inspection = await verifyAnchorTransaction(chain.provider, { contestId: eventId, treeSize: 4, rootHash: finalHead.rootHash, headDigest: anchor.contentHash, txHash: anchor.txHash!, publisher: chain.wallet(0).address, contractAddress, minConfirmations: 1 });
    expect(inspection).toMatchObject({ state: 'confirmed', blockNumber: anchor.blockNumber, blockHash: anchor.blockHash });
    const contract = new Contract(contractAddress, anchorContractArtifact().abi as string[], chain.provider);
    const logs = await contract.queryFilter(contract.filters.Anchored(contestIdBytes32(eventId)));
    expect(logs.map((log) => ('args' in log ? [...log.args].map(String) : []))).toEqual([[contestIdBytes32(eventId), '4', `0x${finalHead.rootHash}`, `0x${anchor.contentHash}`]]);
    expect(await anchors.exportContest(k.t.tenantId, eventId)).toEqual([
      { type: 'anchor', anchorId: anchor.anchorId, contestId: eventId, treeSize: 4, rootHash: finalHead.rootHash, headDigest: anchor.contentHash, chain: 'ganache-test', chainId: chain.chainId, contractAddress, publisher: chain.wallet(0).address, txHash: anchor.txHash, blockNumber: anchor.blockNumber, blockHash: anchor.blockHash, timestamp: anchor.timestamp },
    ]);
  });

  it('the daily job anchors the latest head of each contest once: a second run sends nothing', async () => {
    const { eventId, head } = await contestWithVotes(3);
    const daily = k.t.app.get(DailyAnchorsJob);
    const first = await daily.run();
    expect(first).toMatchObject({ enabled: true });
    expect(first.recordedNow).toBeGreaterThanOrEqual(1);
    const anchor = await confirmedAnchor(eventId, head.treeSize);
    expect(anchor.trigger).toBe('daily');
    expect(await daily.run()).toMatchObject({ enabled: true, recordedNow: 0 });
    expect((await anchors.ofContest(k.t.tenantId, eventId)).map((row) => row.sends)).toEqual([1]);
  });

  it("the end of a judging phase (scoring's PhaseClosed) anchors the contest's latest signed head", async () => {
    const { eventId, head } = await contestWithVotes(2);
    const scoring = `/api/scoring/events/${eventId}/phases`;
    expect((await k.call('post', scoring, k.organizer, { phase: 'preliminary' })).status).toBe(201);
    expect((await k.call('post', `${scoring}/preliminary/close`, k.organizer)).status).toBe(200);
    const anchor = await confirmedAnchor(eventId, head.treeSize);
    expect(anchor).toMatchObject({ trigger: 'phase-ended', rootHash: head.rootHash, contentHash: treeHeadDigest(head).toString('hex'), sends: 1 });
  });

  it('a node that is down fails the send (counted, alerted on) and the task goes through once it is back', async () => {
    const before = await metric('tally_anchor_failures_total', 'reason="unreachable"');
    const { eventId, head } = await contestWithVotes(2);
    await chain.down();
    await k.t.app.get(DailyAnchorsJob).run();
    const failing = await eventually(async () => {
      const anchor = (await anchors.ofContest(k.t.tenantId, eventId))[0];
      if (!anchor || anchor.failures < 2) throw new Error(`anchor ${JSON.stringify(anchor)}`);
      return anchor;
    });
    expect(failing).toMatchObject({ status: 'pending', txHash: null, lastError: expect.stringMatching(/^unreachable: /) });
    expect(await metric('tally_anchor_failures_total', 'reason="unreachable"')).toBeGreaterThanOrEqual(before + 2);
    expect(await metric('tally_anchor_oldest_unconfirmed_seconds', 'chain="ganache-test"')).toBeGreaterThanOrEqual(0);
    await chain.up();
    const anchor = await confirmedAnchor(eventId, head.treeSize);
    expect(anchor.sends).toBe(1);
    expect(anchor.failures).toBeGreaterThanOrEqual(2);
  });

  it('an anchor a reorganisation took off the chain is found by the recheck, counted, and anchored again', async () => {
    const before = await metric('tally_anchor_failures_total', 'reason="reorged"');
    const { eventId, head } = await contestWithVotes(2);
    const snapshot = await chain.snapshot();
    await k.t.app.get(DailyAnchorsJob).run();
    const first = await confirmedAnchor(eventId, head.treeSize);
    await chain.revert(snapshot);
    await chain.mine(3);
    const recheck = await k.t.app.get(AnchorRecheckJob).run();
    expect(recheck.reanchored).toBe(1);
    const again = await eventually(async () => {
      const anchor = await confirmedAnchor(eventId, head.treeSize);
      if (anchor.txHash === first.txHash) throw new Error('not sent again yet');
      return anchor;
    }, 20_000);
    expect(again).toMatchObject({ anchorId: first.anchorId, sends: 2, failedTxHashes: [first.txHash], lastError: null });
    expect(again.lastError).toBeNull();
    expect(await metric('tally_anchor_failures_total', 'reason="reorged"')).toBe(before + 1);
    // Every other anchor is still where it was.
    expect(await k.t.app.get(AnchorRecheckJob).run()).toMatchObject({ reanchored: 0 });
  });
});
