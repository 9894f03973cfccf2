import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ProjectionRebuildService, ProjectionStatusService } from '@tally/eventstore';
import { PatternDetectionJob } from '@tally/fraud';
import { JobScheduler } from '@tally/jobs';
import { TestDatabaseKind } from '@tally/platform';
import type { Response } from 'supertest';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Pattern detection after the fact (issue 13): votes already cast and counted, from many
 * accounts behind one address for one contestant, are found by the hourly job (one tick played
 * through the scheduler) or POST /api/fraud/pattern/detect. A metronomic cluster is voided (a
 * compensating event; the leaderboard is restated, the credits go back), an irregular one is
 * held as new cases; every finding is recorded with its evidence; ordinary voters are untouched.
 * On PostgreSQL with Redis. The embedded PGlite runs the same SQL and is covered by the
 * fraud-scoring and fraud-cases e2e; here its two tests took over 60 s each on CI's 2 cores.
 */
const setups: [string, Record<string, string>, TestDatabaseKind][] = [['PostgreSQL and Redis', { REDIS_URL: 'redis://127.0.0.1:6379/0' }, 'postgres']];

describe.each(setups)('fraud patterns on %s', (_name, env, kind) => {
  let k: VotingE2e;

  beforeAll(async () => {
    // The client address comes from X-Forwarded-For, as behind a load balancer.
    k = await startVotingE2e({ ...env, TRUST_PROXY: 'true', READ_POSITION_WAIT_MS: '10000', VOTING_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:` }, kind);
  }, 90_000);

  afterAll(async () => {
    await k?.close();
  });

  const position = (res: Response): Record<string, string> => ({ 'Tally-Position': String(res.headers['tally-position']) });
  const voteFrom = (ip: string, token: string, contestantId: string, amount: number) =>
    k.call('post', '/api/votes', token, { contestantId, amount }, { 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': ip });
  const board = async (eventId: string, headers: Record<string, string> = {}): Promise<Record<string, number>> => {
    const res = await k.call('get', `/api/leaderboard/event/${eventId}`, k.organizer, undefined, headers);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.items as { contestantId: string; votes: number }[]).map((item) => [item.contestantId, item.votes]));
  };
  const balanceOf = async (token: string): Promise<number> => (await k.call('get', '/api/votes/ledger', token)).body.items[0].remainingVotes as number;

  it('the hourly job voids a metronomic cluster and holds an irregular one; the leaderboard is restated and the findings recorded', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Target', 'Rival', 'Other'] });
    const [target, rival] = contestants;
    const bots = await Promise.all(Array.from({ length: 6 }, () => k.voter()));
    const nat = await Promise.all(Array.from({ length: 5 }, () => k.voter()));
    const fans = await Promise.all(Array.from({ length: 3 }, () => k.voter()));
    for (const voter of [...bots, ...nat, ...fans]) await k.grant(voter.userId, 5);

    let last: Response | undefined;
    // A script: six accounts, one address, every 2 s, two votes each for the same contestant.
    for (const bot of bots) {
      k.clock.advance(2000);
      last = await voteFrom('203.0.113.7', bot.token, target, 2);
      expect(last.body.status).toBe('accepted');
    }
    // A shared network: five accounts behind one address, at human, irregular times.
    for (const [i, voter] of nat.entries()) {
      k.clock.advance([7000, 31000, 3000, 60000, 12000][i]);
      last = await voteFrom('192.0.2.50', voter.token, rival, 1);
    }
    // Ordinary fans, each from their own address.
    for (const [i, fan] of fans.entries()) last = await voteFrom(`198.51.100.${i + 1}`, fan.token, i === 0 ? rival : target, 1);
    expect(await board(eventId, position(last!))).toEqual({ [target]: 14, [rival]: 6, [contestants[2]]: 0 });

    // The fraud read models have the votes (read your writes), then one tick of the hourly job.
    expect((await k.call('get', '/api/fraud/cases', k.organizer, undefined, position(last!))).status).toBe(200);
    expect(await k.t.app.get(JobScheduler).tick(k.t.app.get(PatternDetectionJob))).toBe('ran');

    // Voided: the script's 12 votes leave the target; held: the shared network's 5 leave the rival.
    await eventually(async () => expect(await board(eventId)).toEqual({ [target]: 2, [rival]: 1, [contestants[2]]: 0 }), 20_000);
    for (const bot of bots) expect(await balanceOf(bot.token)).toBe(5);
    expect(await balanceOf(fans[1].token)).toBe(4);

    const held = await eventually(async () => {
      const res = await k.call('get', `/api/fraud/cases?eventId=${eventId}&status=open&signal=pattern`, k.organizer);
      expect(res.body.items).toHaveLength(5);
      return res.body.items as { caseId: string; source: string; findingId: string; userId: string }[];
    });
    expect(new Set(held.map((c) => c.userId))).toEqual(new Set(nat.map((v) => v.userId)));
    expect(held.every((c) => c.source === 'pattern' && c.findingId)).toBe(true);

    const report = await eventually(async () => {
      const res = await k.call('get', `/api/fraud/reports/event/${eventId}`, k.organizer);
      expect(res.body.findings).toHaveLength(2);
      return res.body as { findings: { patternType: string; action: string; accounts: unknown[]; evidence: Record<string, unknown> }[] };
    });
    const script = report.findings.find((f) => f.patternType === 'ip-cluster-metronomic')!;
    expect(script).toMatchObject({ action: 'void', evidence: { clientIp: '203.0.113.7', accounts: 6, votes: 6, meanGapMs: 2000, gapCv: 0 } });
    expect(script.accounts).toHaveLength(6);
    expect(report.findings.find((f) => f.patternType === 'ip-cluster')).toMatchObject({ action: 'hold', evidence: { clientIp: '192.0.2.50', accounts: 5 } });
    const vote = await k.call('get', `/api/votes/user/${bots[0].userId}`, k.organizer);
    expect(vote.body.items[0].status).toBe('voided');

    // Running detection again (the endpoint, now) records nothing new and changes nothing.
    const again = await k.call('post', '/api/fraud/pattern/detect', k.organizer, { eventId });
    expect(again.status).toBe(200);
    expect(again.body.findings).toEqual([expect.objectContaining({ patternType: 'ip-cluster', action: 'hold', recordedNow: false, accounts: 5 })]);

    // A held case approved by review counts again, exactly.
    const approved = await k.call('post', `/api/fraud/cases/${held[0].caseId}/action`, k.organizer, { action: 'approve', reason: 'student dorm' });
    expect(approved.status).toBe(200);
    expect(await board(eventId, position(approved))).toEqual({ [target]: 2, [rival]: 2, [contestants[2]]: 0 });
  });

  it('POST /api/fraud/pattern/detect finds a script at once; voters are refused and bad input is 422', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const bots = await Promise.all(Array.from({ length: 5 }, () => k.voter()));
    let last: Response | undefined;
    for (const bot of bots) {
      await k.grant(bot.userId, 1);
      k.clock.advance(1500);
      last = await voteFrom('203.0.113.99', bot.token, contestants[0], 1);
      expect(last.status).toBe(201);
    }
    const detected = await k.call('post', '/api/fraud/pattern/detect', k.organizer, { eventId, windowMinutes: 30 }, position(last!));
    expect(detected.status).toBe(200);
    expect(detected.body).toMatchObject({ examinedVotes: 5, findings: [{ patternType: 'ip-cluster-metronomic', action: 'void', eventId, contestantId: contestants[0], clientIp: '203.0.113.99', accounts: 5, votes: 5, recordedNow: true }] });
    await eventually(async () => expect((await board(eventId))[contestants[0]]).toBe(0), 20_000);

    expect((await k.call('post', '/api/fraud/pattern/detect', bots[0].token, {})).status).toBe(403);
    const bad = await k.call('post', '/api/fraud/pattern/detect', k.organizer, { windowMinutes: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe(problemType('validation-failed'));
    expect(JSON.stringify(bad.body.errors)).toContain('windowMinutes');
  });

  it('rebuilding the fraud read models from the log gives the same tables', async () => {
    const db = k.t.app.get(MikroORM).em.getConnection('write');
    const tables = async () => ({
      flags: await db.execute('select * from fraud_flags order by flag_id'),
      trail: await db.execute('select * from fraud_vote_trail order by vote_id'),
      patterns: await db.execute('select * from suspicious_patterns order by pattern_id'),
      abuse: await db.execute('select * from abuse_flags order by flag_id'),
    });
    // Everything appended so far (the reactor's voids included) applied, so the live tables are final.
    const status = k.t.app.get(ProjectionStatusService);
    await eventually(async () => {
      for (const name of ['fraud.pattern-actions', 'fraud-cases']) expect((await status.status(name)).eventsBehind).toBe(0);
    }, 20_000);
    const live = await tables();
    expect(live.patterns.length).toBeGreaterThan(0);
    const rebuilt = await k.t.app.get(ProjectionRebuildService).rebuild('fraud-cases', { fresh: true });
    expect(rebuilt.parked).toBe(0);
    expect(await tables()).toEqual(live);
  });
});
