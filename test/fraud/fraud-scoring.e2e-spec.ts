import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { TestDatabaseKind } from '@tally/platform';
import { EXTERNAL_VOTE_SCREENING, ScreeningRecord, VoteScreening, voterStream } from '@tally/voting';
import type { Response } from 'supertest';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Fraud scoring on the vote path (issue 13), through HTTP on the whole app: a scripted bot (one
 * address, many accounts, one device, metronomic votes) is held, then rejected, while ordinary
 * voters pass; held votes stay off the leaderboard; impossible travel raises the score; a VOIP
 * number scores above a mobile one; the score is in the vote's own event and in fraud_scores;
 * tenant settings change decisions; POST /api/fraud/check. Client addresses come from
 * X-Forwarded-For (TRUST_PROXY) and are located in the bundled DB-IP Lite database. On
 * PostgreSQL with Redis (the exact signal store, and the mirrored one) and on the embedded PGlite
 * with the in-process signal store.
 */
const setups: [string, Record<string, string>, TestDatabaseKind][] = [
  ['PostgreSQL and Redis, exact counts in Redis', { REDIS_URL: 'redis://127.0.0.1:6379/0', FRAUD_SIGNAL_SYNC: 'exact' }, 'postgres'],
  ['PostgreSQL and Redis mirrored in the process (the default)', { REDIS_URL: 'redis://127.0.0.1:6379/0' }, 'postgres'],
  ['PGlite', {}, 'pglite'],
];

/** The bot's address. */
const LONDON = '81.2.69.160';
/** A traveller's, in London too, but nobody else's. */
const LONDON_HOME = '212.58.244.20';
const SYDNEY = '1.1.1.1';
/** Addresses of ordinary voters, one each, far from the bot's. */
const HOMES = ['8.8.8.8', '9.9.9.9', '64.6.64.6', '77.88.8.8', '185.228.168.9', '94.140.14.14'];

describe.each(setups)('fraud scoring on %s', (_name, env, kind) => {
  let k: VotingE2e;

  beforeAll(async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    k = await startVotingE2e({ ...env, TRUST_PROXY: 'true', READ_POSITION_WAIT_MS: '10000', VOTING_REDIS_PREFIX: prefix, FRAUD_REDIS_PREFIX: prefix }, kind);
  }, 180_000);

  afterAll(async () => {
    await k?.close();
  });

  const voteFrom = (token: string, contestantId: string, ip: string, headers: Record<string, string> = {}): Promise<Response> =>
    k.call('post', '/api/votes', token, { contestantId, amount: 1 }, { 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': ip, ...headers });
  const fundedVoter = async (credits = 20) => {
    const voter = await k.voter();
    await k.grant(voter.userId, credits);
    return voter;
  };
  const screeningOf = async (userId: string, voteId: string): Promise<ScreeningRecord | undefined> => {
    const store = k.t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(voterStream(k.t.tenantId, userId));
    const cast = events.find((e) => e.type === 'VoteCast' && (e.data as { voteId: string }).voteId === voteId);
    return (cast?.data as { screening?: ScreeningRecord } | undefined)?.screening;
  };
  const putSettings = (token: string, body: object): Promise<Response> => k.t.http().put('/api/fraud/settings').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${token}`).send(body);
  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> => k.t.app.get(MikroORM).em.fork().getConnection().execute<T[]>(query, params);

  it('holds, then rejects a scripted bot while ordinary voters pass, and counts only accepted votes', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const [target, other] = contestants as [string, string];

    const ordinary = await Promise.all(HOMES.map(() => fundedVoter()));
    const ordinaryVote = async (round: number) => {
      for (const [i, voter] of ordinary.entries()) {
        k.clock.advance(7_000 + i * 3_100 + round * 11_000);
        const res = await voteFrom(voter.token, other, HOMES[i], { 'X-Device-Fingerprint': `fp_home_device_${i}` });
        expect(res.status).toBe(201);
        expect(res.body.status).toBe('accepted');
      }
    };
    await ordinaryVote(0);

    // The bot: ten accounts behind one address taking turns, one vote a second, so each account
    // votes every ten seconds on the dot, seven rounds.
    const bots = await Promise.all(Array.from({ length: 10 }, () => fundedVoter()));
    const outcomes: string[] = [];
    let lastHeld: Response | undefined;
    for (let round = 0; round < 7; round++) {
      for (const bot of bots) {
        k.clock.advance(1_000);
        const res = await voteFrom(bot.token, target, LONDON);
        if (res.status === 201) {
          outcomes.push(res.body.status);
          if (res.body.status === 'held') lastHeld = res;
        } else {
          expect(res.status).toBe(403);
          expect(res.body.type).toBe(problemType('vote-rejected'));
          outcomes.push('rejected');
        }
      }
    }
    const firstHeld = outcomes.indexOf('held');
    const firstRejected = outcomes.indexOf('rejected');
    expect(firstHeld).toBeGreaterThanOrEqual(0);
    expect(firstRejected).toBeGreaterThan(firstHeld);
    expect(outcomes.slice(-20)).toEqual(Array(20).fill('rejected'));

    // Ordinary voters still pass after the bot, from their own addresses.
    await ordinaryVote(1);

    // Held votes are recorded but never counted: the leaderboard has exactly the accepted ones.
    const accepted = outcomes.filter((o) => o === 'accepted').length;
    const lastOrdinary = await voteFrom(ordinary[0].token, other, HOMES[0]);
    expect(lastOrdinary.body.status).toBe('accepted');
    const board = await k.call('get', `/api/leaderboard/event/${eventId}`, k.organizer, undefined, { 'Tally-Position': lastOrdinary.headers['tally-position'] });
    const votes = Object.fromEntries((board.body.items as { contestantId: string; votes: number }[]).map((item) => [item.contestantId, item.votes]));
    expect(votes[target]).toBe(accepted);
    expect(votes[other]).toBe(HOMES.length * 2 + 1);

    // The held vote's own event carries its score and the factors that add up to it.
    const heldBody = lastHeld!.body as { voteId: string };
    const rows = await eventually(async () => {
      const found = await sql<{ score: number; risk_level: string; factors: { contribution: number }[] }>('select score, risk_level, factors from fraud_scores where vote_id = ?', [heldBody.voteId]);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows[0].risk_level).toBe('hold');
    expect(Math.min(100, rows[0].factors.reduce((sum, f) => sum + f.contribution, 0))).toBe(rows[0].score);
    const window = await eventually(async () => {
      const found = await sql<{ count: number; accounts: number }>('select sum(count)::int as count, max(accounts)::int as accounts from ip_velocity where ip_address = ?', [LONDON]);
      expect(found[0].count).toBe(outcomes.length);
      return found[0];
    });
    expect(window.accounts).toBeGreaterThan(1);
    // Refused votes have no VoteCast; their decisions are recorded (VoteScreenedOut) and scored too.
    await eventually(async () => {
      const refused = await sql<{ n: number; lowest: number }>("select count(*)::int as n, min(score)::int as lowest from fraud_scores where risk_level = 'reject' and vote_id is null", []);
      expect(refused[0]).toEqual({ n: outcomes.filter((o) => o === 'rejected').length, lowest: expect.any(Number) });
      expect(refused[0].lowest).toBeGreaterThanOrEqual(75);
    });
    const devices = await eventually(async () => {
      const found = await sql<{ user_id: string; votes: number }>('select user_id, votes from device_fingerprints where device_hash = ?', ['fp_home_device_0']);
      expect(found).toEqual([{ user_id: ordinary[0].userId, votes: 2 }]);
      return found;
    });
    expect(devices).toHaveLength(1);
  }, 120_000);

  it('counts 30 votes sent at once from one address exactly: each sees a different count, 1 to 30', async () => {
    const { contestants } = await k.openEvent({});
    const crowd = await Promise.all(Array.from({ length: 30 }, () => fundedVoter(5)));
    k.clock.advance(15_000);
    const sent = await Promise.all(crowd.map((voter) => voteFrom(voter.token, contestants[1], '139.130.4.5')));
    expect(sent.map((res) => res.status)).toEqual(Array(30).fill(201));
    const seen = await eventually(async () => {
      const rows = await sql<{ factors: { signal: string; inputs: { votesInWindow: number } }[] }>(
        `select factors from fraud_scores where vote_id in (${sent.map(() => '?').join(', ')})`,
        sent.map((res) => res.body.voteId as string),
      );
      expect(rows).toHaveLength(30);
      return rows;
    });
    const counts = seen.map((row) => row.factors.find((f) => f.signal === 'ipVelocity')!.inputs.votesInWindow).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('raises the score on impossible travel: London, then Sydney two minutes later', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await fundedVoter();
    const inLondon = await voteFrom(voter.token, contestants[0], LONDON_HOME);
    k.clock.advance(120_000);
    const inSydney = await voteFrom(voter.token, contestants[0], SYDNEY);
    expect([inLondon.status, inSydney.status]).toEqual([201, 201]);
    const before = (await screeningOf(voter.userId, inLondon.body.voteId))!;
    const after = (await screeningOf(voter.userId, inSydney.body.voteId))!;
    const geo = after.factors.find((f) => f.signal === 'geoAnomaly')!;
    expect(geo).toMatchObject({ risk: 1, contribution: 45, inputs: { country: 'AU', previousCountry: 'GB', minutes: 2 } });
    expect(before.factors.find((f) => f.signal === 'geoAnomaly')!.contribution).toBe(0);
    expect(after.score).toBeGreaterThanOrEqual(before.score + 45);
    expect(after.modelVersion).toBe('fraud-v2');
  });

  it('scores a VOIP number above a mobile one (POST /api/fraud/check, organizer)', async () => {
    const signup = async (phone: string) => {
      const email = `phone-${randomUUID().slice(0, 8)}@voting.test`;
      const res = await k.call('post', '/api/auth/signup', undefined, { email, password: 'Voter-Horse-9', phone });
      expect(res.status).toBe(201);
      return res.body.userId as string;
    };
    const mobile = await signup('+447400123456');
    const voip = await signup('+445612345678');
    const check = (userId: string) => k.call('post', '/api/fraud/check', k.organizer, { userId, clientIp: '8.8.4.4' });
    const [m, v] = [await check(mobile), await check(voip)];
    expect([m.status, v.status]).toEqual([200, 200]);
    const phoneOf = (res: Response) => (res.body.factors as { signal: string; contribution: number; inputs: { type: string } }[]).find((f) => f.signal === 'phoneReputation')!;
    expect(phoneOf(m).inputs.type).toBe('MOBILE');
    expect(phoneOf(v).inputs.type).toBe('VOIP');
    expect(phoneOf(v).contribution).toBeGreaterThan(phoneOf(m).contribution);
    expect(v.body.score).toBeGreaterThan(m.body.score);
  });

  it('links accounts that pay with one card: two accounts paying with one card score higher than one with its own card', async () => {
    const payWith = async (card: string) => {
      const voter = await k.voter();
      const checkout = await k.call('post', '/api/payments/checkout', voter.token, { votes: 10, currency: 'USD' });
      expect(checkout.status).toBe(201);
      const paid = await k.call('post', `/api/payments/sandbox/${checkout.body.paymentId}/complete`, voter.token, { card });
      expect(paid.body).toMatchObject({ outcome: 'succeeded', status: 'completed' });
      return voter;
    };
    const [first, second] = [await payWith('4242 4242 4242 4242'), await payWith('4242424242424242')];
    const alone = await payWith('4000 0566 5566 5556');
    // The payment-risk projection links the two accounts by the card's fingerprint (never the number).
    const cards = await eventually(async () => {
      const rows = await sql<{ user_id: string; card_fingerprint: string }>('select user_id, card_fingerprint from fraud_payment_cards where user_id in (?, ?, ?)', [first.userId, second.userId, alone.userId]);
      expect(rows).toHaveLength(3);
      return rows;
    });
    const fingerprintOf = (userId: string) => cards.find((row) => row.user_id === userId)!.card_fingerprint;
    expect(fingerprintOf(first.userId)).toBe(fingerprintOf(second.userId));
    expect(fingerprintOf(alone.userId)).not.toBe(fingerprintOf(first.userId));
    expect(fingerprintOf(first.userId)).not.toContain('4242');

    const check = (userId: string) => k.call('post', '/api/fraud/check', k.organizer, { userId, clientIp: '8.8.4.4' });
    const paymentOf = (res: Response) => (res.body.factors as { signal: string; contribution: number; inputs: { accountsOnCard: number; cards: number } }[]).find((f) => f.signal === 'paymentRisk')!;
    const [shared, own] = [await check(second.userId), await check(alone.userId)];
    expect(paymentOf(shared).inputs).toMatchObject({ accountsOnCard: 2, cards: 1 });
    expect(paymentOf(own).inputs).toMatchObject({ accountsOnCard: 1, cards: 1 });
    expect(paymentOf(shared).contribution).toBeGreaterThan(paymentOf(own).contribution);
    expect(shared.body.score).toBeGreaterThan(own.body.score);
  });

  it('lets a voter check itself without factors, refuses it another user, and records nothing', async () => {
    const voter = await fundedVoter();
    const self = await k.call('post', '/api/fraud/check', voter.token, {}, { 'X-Forwarded-For': '151.101.0.81' });
    expect(self.status).toBe(200);
    expect(self.body).toEqual({ userId: voter.userId, score: expect.any(Number), decision: 'accept', modelVersion: 'fraud-v2' });
    const other = await k.call('post', '/api/fraud/check', voter.token, { userId: randomUUID() });
    expect(other.status).toBe(403);
    const address = await k.call('post', '/api/fraud/check', voter.token, { clientIp: SYDNEY });
    expect(address.status).toBe(403);
    const unknown = await k.call('post', '/api/fraud/check', k.organizer, { userId: randomUUID() });
    expect(unknown.status).toBe(404);
    const bad = await k.call('post', '/api/fraud/check', k.organizer, { clientIp: 'not-an-ip' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.errors)).toContain('clientIp');
  });

  it('applies tenant settings changed at run time: a lower hold threshold holds an ordinary vote', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await fundedVoter();
    const current = await k.call('get', '/api/fraud/settings', k.organizer);
    expect(current.body).toMatchObject({ holdAt: 65, rejectAt: 75 });
    expect((await putSettings(voter.token, current.body)).status).toBe(403);
    const invalid = await putSettings(k.organizer, { ...current.body, holdAt: 80, rejectAt: 70 });
    expect(invalid.status).toBe(422);
    const strict = { ...current.body, weights: { ...current.body.weights, phoneReputation: 100 }, holdAt: 5, rejectAt: 90 };
    const changed = await putSettings(k.organizer, strict);
    expect(changed.status).toBe(200);
    try {
      k.clock.advance(30_000);
      const held = await voteFrom(voter.token, contestants[0], '8.8.4.4');
      expect(held.body.status).toBe('held');
      const record = (await screeningOf(voter.userId, held.body.voteId))!;
      expect(record.factors.find((f) => f.signal === 'phoneReputation')).toMatchObject({ weight: 100, contribution: 20 });
    } finally {
      expect((await putSettings(k.organizer, current.body)).status).toBe(200);
    }
  });

  it('screens a vote whose lookups are cached without a promise to wait on where the signal state is in the process', async () => {
    const voter = await fundedVoter();
    const screening = k.t.app.get<VoteScreening>(EXTERNAL_VOTE_SCREENING);
    const input = { tenantId: k.t.tenantId, userId: voter.userId, contestId: randomUUID(), contestantId: randomUUID(), amount: 1, clientIp: '8.8.4.4', deviceFingerprint: 'fp_sync_path_1', userAgent: null };
    // The first loads the phone, payments, settings and (mirrored) the signal keys; later ones find them.
    await screening.screen(input);
    const warm = screening.screen(input);
    // The exact store asks Redis for every vote; the mirror and the embedded store answer at once.
    const inProcess = env.FRAUD_SIGNAL_SYNC !== 'exact' || !env.REDIS_URL;
    expect(warm instanceof Promise).toBe(!inProcess);
    expect(await warm).toMatchObject({ verdict: 'allow', record: { decision: 'accept' } });
  });
});

