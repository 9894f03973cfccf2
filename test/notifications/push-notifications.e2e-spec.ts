import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { DeadLetterService, ProjectionStatusService, ReadPositionWaiter } from '@tally/eventstore';
import { JobRegistry, JobScheduler } from '@tally/jobs';
import { generateVAPIDKeys } from 'web-push';
import { BrowserSubscription, LocalFcmServer, PUSH_AUDIENCE_PROJECTION, WebPushEndpoint } from '@tally/notifications';
import { stateFingerprint } from '../support/state-fingerprint';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Push notifications end to end, one app (API, projections and reactors in one process) with a
 * local HTTPS Web Push endpoint (decrypts every message, verifies its VAPID token) and a local
 * FCM v1 server: voters subscribe, vote, the event closes, and each device hears it once; an
 * endpoint that is down makes the delivery retry, park and wait for a replay, after which it is
 * delivered once and nobody else hears it twice; 410 Gone unsubscribes the device.
 */
describe('push notifications (e2e)', () => {
  const vapid = generateVAPIDKeys();
  const SUBJECT = 'mailto:push@tally.test';
  const endpoint = new WebPushEndpoint({ vapidPublicKey: vapid.publicKey, subject: SUBJECT });
  const fcm = new LocalFcmServer();
  /** The voting kit's clock start: its organizer token is issued then. */
  const START = '2026-03-01T12:00:00.000Z';
  let k: VotingE2e;

  beforeAll(async () => {
    await endpoint.start();
    await fcm.start();
    k = await startVotingE2e({
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: SUBJECT,
      PUSH_TLS_CA_FILE: endpoint.caFile,
      PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      FCM_SERVICE_ACCOUNT_JSON: fcm.serviceAccountJson(),
      FCM_BASE_URL: fcm.baseUrl,
      PUSH_SEND_TIMEOUT_MS: '5000',
      // A failing delivery: two quick tries, parked, one background retry 300 ms later, then an operator's replay.
      PROJECTIONS_PARKED_MAX_RETRIES: '1',
      PROJECTIONS_PARKED_RETRY_BASE_MS: '300',
      PROJECTIONS_PARKED_POLL_MS: '100',
    });
  }, 180_000);

  afterAll(async () => {
    await k?.close();
    await endpoint.stop();
    await fcm.stop();
  });

  const subscribeBody = (browser: BrowserSubscription, label = 'Browser') => ({ transport: 'webpush', endpoint: browser.endpoint, keys: browser.keys, label });
  const subscribe = async (token: string, body: object) => {
    const res = await k.call('post', '/api/notifications/devices', token, body);
    if (res.status !== 201) throw new Error(`subscribe ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { deviceId: string; changed: boolean };
  };
  const voteOnce = async (token: string, contestantId: string) => {
    const res = await k.vote(token, contestantId, 1);
    if (res.status !== 201) throw new Error(`vote ${res.status} ${JSON.stringify(res.body)}`);
  };
  const close = async (eventId: string) => {
    const res = await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' });
    if (res.status !== 200) throw new Error(`close ${res.status} ${JSON.stringify(res.body)}`);
  };
  const closedNotices = (browser: BrowserSubscription, eventId: string) => endpoint.receivedBy(browser).filter((push) => push.payload.data.kind === 'contest-closed' && push.payload.data.eventId === eventId);

  it('refuses bad subscriptions and preferences naming the field, changing nothing; needs a signed-in caller', async () => {
    const voter = await k.voter();
    const browser = endpoint.subscribe();
    const before = await stateFingerprint(k.t.app);
    const refuse = async (body: object, status: number, field: string, type = 'validation-failed') => {
      const res = await k.call('post', '/api/notifications/devices', voter.token, body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: problemType(type) });
      expect(JSON.stringify(res.body.errors)).toContain(field);
    };
    await refuse({ ...subscribeBody(browser), endpoint: 'https://10.0.0.1/push/x' }, 422, 'endpoint', 'push-endpoint-not-allowed');
    await refuse({ ...subscribeBody(browser), endpoint: browser.endpoint.replace('https:', 'http:') }, 422, 'endpoint', 'push-endpoint-not-allowed');
    await refuse({ ...subscribeBody(browser), keys: { p256dh: 'AAAA', auth: browser.keys.auth } }, 422, 'keys.p256dh');
    await refuse({ ...subscribeBody(browser), keys: { p256dh: browser.keys.p256dh, auth: 'short' } }, 422, 'keys.auth');
    await refuse({ transport: 'carrier-pigeon', endpoint: browser.endpoint }, 422, 'transport');
    await refuse({ transport: 'webpush', keys: browser.keys }, 422, 'endpoint');
    const prefs = await k.call('put' as 'post', '/api/notifications/preferences', voter.token, { muted: ['spam'], follows: ['not-a-uuid'] });
    expect(prefs.status).toBe(422);
    expect(JSON.stringify(prefs.body.errors)).toMatch(/muted[\s\S]*follows|follows[\s\S]*muted/);
    expect((await k.call('delete', `/api/notifications/devices/${randomUUID()}`, voter.token)).body).toMatchObject({ status: 404, type: problemType('push-device-not-found') });
    expect((await k.call('post', '/api/notifications/devices', undefined, subscribeBody(browser))).status).toBe(401);
    expect((await k.call('get', '/api/notifications/devices', undefined)).status).toBe(401);
    expect(await stateFingerprint(k.t.app)).toBe(before);
    expect((await k.call('get', '/api/notifications/devices', voter.token)).body).toEqual({ items: [] });
  });

  it('the same subscription sent 12 times at once is one device; preferences and devices read back; unsubscribe removes it', async () => {
    const voter = await k.voter();
    const browser = endpoint.subscribe();
    const results = await Promise.all(Array.from({ length: 12 }, () => subscribe(voter.token, subscribeBody(browser, 'Laptop'))));
    expect(new Set(results.map((r) => r.deviceId)).size).toBe(1);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const listed = (await k.call('get', '/api/notifications/devices', voter.token)).body as { items: { deviceId: string; transport: string; label: string; target: string }[] };
    expect(listed.items).toEqual([{ deviceId: results[0].deviceId, transport: 'webpush', label: 'Laptop', target: new URL(browser.endpoint).host }]);
    const eventId = randomUUID();
    const set = await k.t.http().put('/api/notifications/preferences').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${voter.token}`).send({ muted: ['contest-opened'], follows: [eventId] });
    expect(set.status).toBe(200);
    expect((await k.call('get', '/api/notifications/preferences', voter.token)).body).toEqual({ muted: ['contest-opened'], follows: [eventId] });
    // Another voter cannot remove it.
    const other = await k.voter();
    expect((await k.call('delete', `/api/notifications/devices/${results[0].deviceId}`, other.token)).status).toBe(404);
    expect((await k.call('delete', `/api/notifications/devices/${results[0].deviceId}`, voter.token)).status).toBe(204);
    expect((await k.call('get', '/api/notifications/devices', voter.token)).body).toEqual({ items: [] });
  });

  it('a voter subscribes and votes, the event closes: each device hears it exactly once (Web Push, FCM, a follower); a voter who muted closes hears nothing', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const web = await k.voter();
    const browser = endpoint.subscribe();
    await subscribe(web.token, subscribeBody(browser));
    const phone = await k.voter();
    await subscribe(phone.token, { transport: 'fcm', token: `fcm-token-${randomUUID()}`, label: 'Phone' });
    const follower = endpoint.subscribe();
    const fan = await k.voter();
    await subscribe(fan.token, subscribeBody(follower));
    await k.t.http().put('/api/notifications/preferences').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${fan.token}`).send({ muted: [], follows: [eventId] }).expect(200);
    const quiet = await k.voter();
    const quietBrowser = endpoint.subscribe();
    await subscribe(quiet.token, subscribeBody(quietBrowser));
    await k.t.http().put('/api/notifications/preferences').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${quiet.token}`).send({ muted: ['contest-closed'], follows: [] }).expect(200);
    const bystander = endpoint.subscribe();
    await subscribe((await k.voter()).token, subscribeBody(bystander));

    for (const voter of [web, phone, quiet]) {
      await k.grant(voter.userId, 5);
      await voteOnce(voter.token, contestants[0]);
    }
    await voteOnce(web.token, contestants[1]);
    await close(eventId);

    await eventually(async () => {
      expect(closedNotices(browser, eventId)).toHaveLength(1);
      expect(closedNotices(follower, eventId)).toHaveLength(1);
      expect(fcm.received.filter((m) => m.message.data.eventId === eventId)).toHaveLength(1);
    }, 60_000);
    const [notice] = closedNotices(browser, eventId);
    expect(notice.payload).toMatchObject({ title: expect.stringMatching(/has closed$/), data: { kind: 'contest-closed', eventId } });
    expect(notice.vapid).toMatchObject({ sub: SUBJECT, publicKey: vapid.publicKey });
    expect(endpoint.refused).toEqual([]);
    // The reactor has moved past the close: nothing more arrives, for anyone.
    await waitForReactor(k);
    expect(closedNotices(browser, eventId)).toHaveLength(1);
    expect(closedNotices(quietBrowser, eventId)).toHaveLength(0);
    expect(closedNotices(bystander, eventId)).toHaveLength(0);
    expect(fcm.received.filter((m) => m.message.data.eventId === eventId)).toHaveLength(1);
  }, 120_000);

  it('an endpoint that is down: retried, parked as a dead letter, replayed once it is back: delivered once, the others not again; 410 Gone unsubscribes', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const [up, down, gone] = [await k.voter(), await k.voter(), await k.voter()];
    const upBrowser = endpoint.subscribe();
    const downBrowser = endpoint.subscribe('down');
    const goneBrowser = endpoint.subscribe('gone');
    await subscribe(up.token, subscribeBody(upBrowser));
    await subscribe(down.token, subscribeBody(downBrowser));
    await subscribe(gone.token, subscribeBody(goneBrowser));
    for (const voter of [up, down, gone]) {
      await k.grant(voter.userId, 5);
      await voteOnce(voter.token, contestants[0]);
    }
    await close(eventId);

    const deadLetters = k.t.app.get(DeadLetterService);
    const parked = await eventually(async () => {
      const letters = (await deadLetters.list('notifications.push')).filter((letter) => letter.eventType === 'ContestStatusChanged' && letter.nextRetryAt === null && !letter.replayedAt);
      expect(letters).toHaveLength(1);
      return letters[0];
    }, 60_000);
    // The last try's error: by then only the device that is down was left to send to (the others were in the ledger).
    expect(parked.error).toMatch(/1 of 1 pushes of contest-closed .* failed.*socket hang up/);
    expect(parked.retries).toBe(1);
    const tries = endpoint.attempts.filter((a) => a.subscriptionId === new URL(downBrowser.endpoint).pathname.split('/').pop()).length;
    expect(tries).toBeGreaterThanOrEqual(3); // two in the batch, one in the background
    expect(closedNotices(upBrowser, eventId)).toHaveLength(1);
    expect(closedNotices(downBrowser, eventId)).toHaveLength(0);
    await eventually(async () => expect((await k.call('get', '/api/notifications/devices', gone.token)).body).toEqual({ items: [] }), 30_000);

    endpoint.setMode(downBrowser, 'accept');
    expect((await deadLetters.replay(parked.id)).status).toBe('replayed');
    expect(closedNotices(downBrowser, eventId)).toHaveLength(1);
    expect(closedNotices(upBrowser, eventId)).toHaveLength(1);
    expect((await deadLetters.replay(parked.id)).status).toBe('already-replayed');
    expect(closedNotices(downBrowser, eventId)).toHaveLength(1);
    expect(endpoint.receivedBy(goneBrowser)).toHaveLength(0);
  }, 120_000);

  it('rank changes of a voter’s favourite: a notice per move, at most one per voter in PUSH_RANK_CHANGE_MIN_MINUTES (30)', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const [ada, bob, cy] = contestants;
    const fan = await k.voter();
    const crowd = await k.voter();
    const browser = endpoint.subscribe();
    await subscribe(fan.token, subscribeBody(browser));
    await k.grant(fan.userId, 50);
    await k.grant(crowd.userId, 50);
    let lastVoteAt = '';
    const castAll = async (votes: [string, string, number][]) => {
      for (const [token, contestantId, amount] of votes) {
        const res = await k.vote(token, contestantId, amount);
        expect(res.status).toBe(201);
        lastVoteAt = String(res.headers['tally-position']);
      }
    };
    const rankOf = async (contestantId: string, rank: number) =>
      eventually(async () => {
        const board = (await k.call('get', `/api/leaderboard/event/${eventId}`, fan.token)).body as { items: { contestantId: string; rank: number }[] };
        expect(board.items.find((item) => item.contestantId === contestantId)?.rank).toBe(rank);
      }, 30_000);
    const watch = async () => {
      // The job reads who backs whom from the audience read model, which may trail the leaderboard.
      expect(await k.t.app.get(ReadPositionWaiter).waitFor([PUSH_AUDIENCE_PROJECTION], lastVoteAt, 30_000)).toBe(true);
      const job = k.t.app.get(JobRegistry).find('notifications.rank-watch')!;
      expect(await k.t.app.get(JobScheduler).tick(job)).toBe('ran');
    };
    const rankNotices = () => endpoint.receivedBy(browser).filter((push) => push.payload.data.kind === 'rank-changed' && push.payload.data.eventId === eventId);

    await castAll([[crowd.token, ada, 5], [crowd.token, bob, 3], [fan.token, cy, 1]]);
    await rankOf(cy, 3);
    await watch(); // first sight: remembered, nothing sent
    await castAll([[fan.token, cy, 9]]);
    await rankOf(cy, 1);
    await watch();
    await eventually(async () => expect(rankNotices()).toHaveLength(1), 30_000);
    expect(rankNotices()[0].payload).toMatchObject({ title: 'Cy is now #1', data: { contestantId: cy, from: '3', to: '1' } });

    await castAll([[crowd.token, ada, 20]]);
    await rankOf(cy, 2);
    await watch(); // moved, but the fan heard of a move a moment ago: held back
    await waitForReactor(k);
    expect(rankNotices()).toHaveLength(1);
    k.clock.advance(31 * 60_000);
    await watch();
    await eventually(async () => expect(rankNotices()).toHaveLength(2), 30_000);
    expect(rankNotices()[1].payload).toMatchObject({ title: 'Cy is now #2', data: { from: '1', to: '2' } });
    await watch(); // nothing moved since
    await waitForReactor(k);
    expect(rankNotices()).toHaveLength(2);
    k.clock.set(START); // the kit's organizer token is valid at the start time only
  }, 120_000);

  it('an open event entering its last PUSH_CLOSING_SOON_MINUTES (60): its voters hear it is closing soon, once', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    const browser = endpoint.subscribe();
    await subscribe(voter.token, subscribeBody(browser));
    await k.grant(voter.userId, 5);
    await voteOnce(voter.token, contestants[0]);
    const closing = () => endpoint.receivedBy(browser).filter((push) => push.payload.data.kind === 'contest-closing' && push.payload.data.eventId === eventId);
    const tick = async () => {
      const job = k.t.app.get(JobRegistry).find('notifications.closing-soon')!;
      expect(await k.t.app.get(JobScheduler).tick(job)).toBe('ran');
    };
    await waitForReactor(k);
    await tick(); // a month before the end: nothing
    k.clock.set('2026-03-31T23:15:00.000Z'); // 45 minutes before the end
    try {
      await tick();
      await eventually(async () => expect(closing()).toHaveLength(1), 30_000);
      expect(closing()[0]).toMatchObject({ payload: { title: expect.stringMatching(/closes soon$/) }, headers: { urgency: 'high' } });
      await tick();
      await waitForReactor(k);
      expect(closing()).toHaveLength(1);
    } finally {
      k.clock.set(START);
    }
  }, 120_000);

  it('the reactor re-run from the start of the log sends nothing again (the ledger)', async () => {
    await waitForReactor(k);
    const webBefore = endpoint.received.length;
    const fcmBefore = fcm.received.length;
    expect(webBefore).toBeGreaterThan(5);
    await k.t.app.get(MikroORM).em.getConnection().execute(`update es_checkpoints set position = null where consumer = 'notifications.push'`);
    // A new event of the reactor's own makes it notice the checkpoint moved and read the log again from the start.
    const { eventId } = await k.openEvent({});
    await close(eventId);
    await waitForReactor(k, 90_000);
    expect(endpoint.received.length).toBe(webBefore);
    expect(fcm.received.length).toBe(fcmBefore);
  }, 180_000);
});

/** Until the push reactor has applied everything in the log (its checkpoint at the head). */
async function waitForReactor(k: VotingE2e, timeoutMs = 30_000): Promise<void> {
  const status = k.t.app.get(ProjectionStatusService);
  await eventually(async () => expect((await status.status('notifications.push')).eventsBehind).toBe(0), timeoutMs);
}
