import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { generateVAPIDKeys } from 'web-push';
import { AnchorRow, BlockchainAnchors, DailyAnchorsJob } from '@tally/anchoring';
import type { SignedTreeHead } from '@tally/anchoring';
import { ProjectionStatusService } from '@tally/eventstore';
import { BrowserSubscription, WebPushEndpoint } from '@tally/notifications';
import { InProcessChain } from '../anchoring/anchoring-chain-kit';
import { eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * "Your receipt is anchored" end to end, one app on PostgreSQL with a real EVM in process
 * (ganache, as the anchoring e2e) and the local HTTPS Web Push endpoint (decrypts each message,
 * checks its VAPID token): voters subscribe and vote, the contest closes, its final head is
 * anchored and confirmed (AnchorConfirmed on the log), and each voter with covered receipts hears
 * it once — one message for several votes, naming the event and linking the receipt. A second
 * anchor inside the voter's quiet time (PUSH_ANCHORED_MIN_MINUTES) is held back and told by the
 * next anchor after it; re-running the reactor from the start of the log notes nothing again.
 */
describe('receipt anchored push notification (e2e)', () => {
  const vapid = generateVAPIDKeys();
  const endpoint = new WebPushEndpoint({ vapidPublicKey: vapid.publicKey, subject: 'mailto:push@tally.test' });
  /** The voting kit's clock start: its tokens are issued then. */
  const START = '2026-03-01T12:00:00.000Z';
  let chain: InProcessChain;
  let k: VotingE2e;

  beforeAll(async () => {
    await endpoint.start();
    chain = await InProcessChain.start();
    const contractAddress = await chain.deployAnchorContract();
    const url = await chain.up();
    k = await startVotingE2e(
      {
        VOTING_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:`,
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:push@tally.test',
        PUSH_TLS_CA_FILE: endpoint.caFile,
        PUSH_ENDPOINT_HOSTS: '127.0.0.1',
        PUSH_SEND_TIMEOUT_MS: '5000',
        PUSH_ANCHORED_MIN_MINUTES: '60',
        ANCHORING_CHAIN_RPC_URL: url,
        ANCHORING_CHAIN_PRIVATE_KEY: chain.privateKey(0),
        ANCHORING_CHAIN_CONTRACT_ADDRESS: contractAddress,
        ANCHORING_CHAIN_ID: String(chain.chainId),
        ANCHORING_CHAIN_NAME: 'ganache-test',
        ANCHORING_CHAIN_CONFIRMATIONS: '1',
        ANCHORING_CHAIN_RPC_TIMEOUT_MS: '2000',
        ANCHORING_PUBLISH_RETRY_BASE_MS: '20',
        ANCHORING_PUBLISH_RETRY_MAX_MS: '100',
        ANCHORING_RECHECK_MS: '3600000',
        TASKS_POLL_MS: '50',
      },
      'postgres',
    );
  }, 180_000);

  afterAll(async () => {
    await k?.close();
    await chain?.stop();
    await endpoint.stop();
  });

  const subscribe = async (token: string, browser: BrowserSubscription) => {
    const res = await k.call('post', '/api/notifications/devices', token, { transport: 'webpush', endpoint: browser.endpoint, keys: browser.keys, label: 'Browser' });
    if (res.status !== 201) throw new Error(`subscribe ${res.status} ${JSON.stringify(res.body)}`);
  };
  /** Casts one vote; the receipt's id (the vote id) from the 201's Link header. */
  const vote = async (token: string, contestantId: string): Promise<string> => {
    const res = await k.vote(token, contestantId, 1);
    if (res.status !== 201) throw new Error(`vote ${res.status} ${JSON.stringify(res.body)}`);
    const link = /<\/api\/votes\/([0-9a-f-]+)\/receipt>; rel="receipt"/.exec(String(res.headers.link));
    if (!link) throw new Error(`no receipt link: ${String(res.headers.link)}`);
    return link[1];
  };
  const headOf = (eventId: string, treeSize: number) =>
    eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`, k.organizer);
      if (res.status !== 200 || (res.body as SignedTreeHead).treeSize < treeSize) throw new Error(`head ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as SignedTreeHead;
    }, 30_000);
  const confirmedAnchor = (eventId: string, treeSize: number): Promise<AnchorRow> =>
    eventually(async () => {
      const anchor = (await k.t.app.get(BlockchainAnchors).ofContest(k.t.tenantId, eventId)).find((row) => row.treeSize === treeSize);
      if (anchor?.status !== 'confirmed') throw new Error(`anchor ${JSON.stringify(anchor)}`);
      return anchor;
    }, 30_000);
  const anchoredNotices = (browser: BrowserSubscription, eventId?: string) =>
    endpoint.receivedBy(browser).filter((push) => push.payload.data.kind === 'receipt-anchored' && (eventId === undefined || push.payload.data.eventId === eventId));
  /** Until the receipt-anchors reactor and the push reactor have applied everything in the log. */
  const caughtUp = async () => {
    const status = k.t.app.get(ProjectionStatusService);
    await eventually(async () => {
      for (const name of ['notifications.receipt-anchors', 'notifications.push']) expect((await status.status(name)).eventsBehind).toBe(0);
    }, 60_000);
  };

  it('a contest closes and its final head is anchored: each voter with a device hears once (one message for three votes), linking the receipt; muted, non-voters and voters with no device nothing', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const [voter, muted, bystander, deviceless] = [await k.voter(), await k.voter(), await k.voter(), await k.voter()];
    const [browser, mutedBrowser, bystanderBrowser] = [endpoint.subscribe(), endpoint.subscribe(), endpoint.subscribe()];
    await subscribe(voter.token, browser);
    await subscribe(muted.token, mutedBrowser);
    await subscribe(bystander.token, bystanderBrowser);
    await k.t.http().put('/api/notifications/preferences').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${muted.token}`).send({ muted: ['receipt-anchored'], follows: [] }).expect(200);
    for (const someone of [voter, muted, deviceless]) await k.grant(someone.userId, 10);
    const voteIds = [await vote(voter.token, contestants[0]), await vote(voter.token, contestants[1])];
    await vote(muted.token, contestants[0]);
    await vote(deviceless.token, contestants[2]);
    voteIds.push(await vote(voter.token, contestants[2]));
    await headOf(eventId, 5);

    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' })).status).toBe(200);
    const anchor = await confirmedAnchor(eventId, 5);
    await eventually(async () => expect(anchoredNotices(browser, eventId)).toHaveLength(1), 60_000);
    const [notice] = anchoredNotices(browser, eventId);
    expect(notice.payload).toMatchObject({
      title: 'Your vote receipt is anchored',
      body: expect.stringMatching(/^Your 3 votes in Show \w+ are now anchored/),
      data: { kind: 'receipt-anchored', eventId, anchorId: anchor.anchorId, chain: 'ganache-test', txHash: anchor.txHash, receiptUrl: `/api/votes/${voteIds[2]}/receipt`, verifyUrl: '/api/votes/verify' },
    });
    expect(notice.vapid).toMatchObject({ publicKey: vapid.publicKey });
    // The link works for its voter: the receipt, covered by a signed head.
    const receipt = await k.call('get', notice.payload.data.receiptUrl, voter.token);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ voteId: voteIds[2], contestId: eventId });

    await caughtUp();
    expect(anchoredNotices(browser)).toHaveLength(1);
    expect(anchoredNotices(mutedBrowser)).toHaveLength(0);
    expect(anchoredNotices(bystanderBrowser)).toHaveLength(0);
    expect(endpoint.refused).toEqual([]);
    // One notice on the log for the voter: not one per vote, none for the others.
    const notes = await k.t.app
      .get(MikroORM)
      .em.getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from es_events where event_type = 'ReceiptsAnchored' and data->>'contestId' = ?`, [eventId]);
    expect(Number(notes[0].n)).toBe(1);
  }, 180_000);

  it('the reactor re-run from the start of the log notes and sends nothing again', async () => {
    await caughtUp();
    const before = endpoint.received.length;
    expect(before).toBeGreaterThan(0);
    const notices = async () => Number((await k.t.app.get(MikroORM).em.getConnection().execute<{ n: string }[]>(`select count(*) as n from es_events where event_type = 'ReceiptsAnchored'`))[0].n);
    const noticesBefore = await notices();
    await k.t.app.get(MikroORM).em.getConnection().execute(`update es_checkpoints set position = null where consumer = 'notifications.receipt-anchors'`);
    // A new anchor (of another contest) makes it notice the checkpoint moved and read the log again from the start.
    const { eventId, contestants } = await k.openEvent({});
    const latecomer = await k.voter();
    await k.grant(latecomer.userId, 1);
    await vote(latecomer.token, contestants[0]);
    await headOf(eventId, 1);
    await k.t.app.get(DailyAnchorsJob).run();
    await confirmedAnchor(eventId, 1);
    await caughtUp();
    expect(await notices()).toBe(noticesBefore);
    expect(endpoint.received.length).toBe(before);
  }, 180_000);

  it('rate limited per voter: an anchor inside PUSH_ANCHORED_MIN_MINUTES (60) is held back, the next anchor after it tells all of it', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    const browser = endpoint.subscribe();
    await subscribe(voter.token, browser);
    await k.grant(voter.userId, 10);
    const told = () => anchoredNotices(browser, eventId);

    // First anchor: told (the voter's first notice).
    await vote(voter.token, contestants[0]);
    await headOf(eventId, 1);
    await k.t.app.get(DailyAnchorsJob).run();
    await confirmedAnchor(eventId, 1);
    await eventually(async () => expect(told()).toHaveLength(1), 60_000);
    expect(told()[0].payload.body).toMatch(/^Your 1 vote in .* is now anchored/);

    // Second anchor a moment later, covering a new vote: inside the quiet time, held back.
    await vote(voter.token, contestants[1]);
    await headOf(eventId, 2);
    await k.t.app.get(DailyAnchorsJob).run();
    await confirmedAnchor(eventId, 2);
    await caughtUp();
    expect(told()).toHaveLength(1);

    // After the quiet time the next anchor tells the vote held back with the new one.
    const thirdVote = await vote(voter.token, contestants[2]);
    await headOf(eventId, 3);
    k.clock.advance(61 * 60_000); // no HTTP call from here on: the kit's tokens are issued at the start time
    try {
      await k.t.app.get(DailyAnchorsJob).run();
      await confirmedAnchor(eventId, 3);
      await eventually(async () => expect(told()).toHaveLength(2), 60_000);
      expect(told()[1].payload).toMatchObject({ body: expect.stringMatching(/^Your 2 votes in .* are now anchored/), data: { receiptUrl: `/api/votes/${thirdVote}/receipt` } });
      await caughtUp();
      expect(told()).toHaveLength(2);
    } finally {
      k.clock.set(START);
    }
  }, 240_000);
});
