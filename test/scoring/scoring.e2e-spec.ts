import { createHash, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ProjectionRebuildService, ProjectionStatusService } from '@tally/eventstore';
import { JobRegistry, JobScheduler } from '@tally/jobs';
import { ADMIN, eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';
import { stateFingerprint } from '../support/state-fingerprint';

/**
 * Judge scoring end to end (issue 15), one app: three judges, each on a score type of its own
 * scale (Voice 1–10 min-max, Stage 0–100 z-score, Style 1–5 rank-based), score five
 * contestants over two phases; the blended final leaderboard is checked against the table
 * computed by hand below.
 */
describe('judge scoring and the blended ranking (e2e)', () => {
  let k: VotingE2e;
  let eventId: string;
  let admin: string;
  const c: Record<'ada' | 'bob' | 'cy' | 'dee' | 'eve', string> = { ada: '', bob: '', cy: '', dee: '', eve: '' };
  const judges: { userId: string; token: string }[] = [];
  const types = { voice: '', stage: '', style: '' };
  let voter: { userId: string; token: string };
  let commitmentsBeforeClose: { phase: string; judgeId: string; commitment: string }[] = [];

  const put = (path: string, token: string, body: object) => k.t.http().put(path).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${token}`).send(body);
  const scoring = (path: string) => `/api/scoring/events/${eventId}${path}`;
  const ok = async (res: Promise<import('supertest').Response>, status = 200) => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body as Record<string, unknown>;
  };
  const score = (judge: number, phase: string, scoreTypeId: string, values: Record<keyof typeof c, number>) =>
    k.call('post', scoring(`/phases/${phase}/scores`), judges[judge].token, { scores: Object.entries(values).map(([who, value]) => ({ contestantId: c[who as keyof typeof c], scoreTypeId, value })) });

  beforeAll(async () => {
    k = await startVotingE2e();
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    for (let i = 0; i < 3; i++) {
      const user = await k.voter();
      await ok(put(`/api/users/${user.userId}/roles`, k.organizer, { roles: ['judge'] }));
      judges.push({ userId: user.userId, token: await k.login(user.email) });
    }
    voter = await k.voter();
    const created = await ok(k.call('post', '/api/events', k.organizer, { name: 'Pageant', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 100 }), 201);
    eventId = created.eventId as string;
    const wildcard = (await ok(k.call('post', `/api/events/${eventId}/categories`, k.organizer, { name: 'Wildcard', weight: 1.5 }), 201)).categoryId as string;
    for (const name of Object.keys(c) as (keyof typeof c)[]) {
      c[name] = (await ok(k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: name[0].toUpperCase() + name.slice(1), categoryId: name === 'eve' ? wildcard : undefined }), 201)).contestantId as string;
    }
    await ok(k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'open' }));
    const define = async (name: string, scaleMin: number, scaleMax: number, weight: number, calculationMethod: string) =>
      (await ok(k.call('post', scoring('/score-types'), k.organizer, { name, scaleMin, scaleMax, weight, calculationMethod }), 201)).scoreTypeId as string;
    types.voice = await define('Voice', 1, 10, 2, 'min-max');
    types.stage = await define('Stage', 0, 100, 1, 'z-score');
    types.style = await define('Style', 1, 5, 1, 'rank-based');
    await ok(k.call('post', scoring('/phases'), k.organizer, { phase: 'preliminary' }), 201);
    await ok(k.call('post', scoring('/phases'), k.organizer, { phase: 'final', carryOver: 0.4, weights: { [types.stage]: 3 } }), 201);
    for (const judge of judges) await ok(k.call('post', scoring('/phases/preliminary/judges'), k.organizer, { judgeId: judge.userId }));
    for (const judge of judges.slice(0, 2)) await ok(k.call('post', scoring('/phases/final/judges'), k.organizer, { judgeId: judge.userId }));
    await ok(put(scoring('/blend'), k.organizer, { juryWeight: 50, publicWeight: 50 }));
  }, 180_000);

  afterAll(() => k?.close());

  it('refuses bad scores naming the field and changing nothing, non-judges (403), judges of another phase, and other tenants (404)', async () => {
    const before = await stateFingerprint(k.t.app);
    const outOfScale = await score(0, 'preliminary', types.voice, { ada: 10, bob: 11, cy: 5, dee: 1, eve: 7 });
    expect(outOfScale.status).toBe(422);
    expect(outOfScale.body).toMatchObject({ type: problemType('score-out-of-scale'), errors: [{ field: 'scores[1].value', message: 'Voice is scored from 1 to 10' }] });
    const unknownContestant = await k.call('post', scoring('/phases/preliminary/scores'), judges[0].token, { scores: [{ contestantId: randomUUID(), scoreTypeId: types.voice, value: 5 }] });
    expect(unknownContestant.body).toMatchObject({ status: 422, errors: [{ field: 'scores[0].contestantId' }] });
    const malformed = await k.call('post', scoring('/phases/preliminary/scores'), judges[0].token, { scores: [{ contestantId: c.ada, scoreTypeId: types.voice, value: 'ten' }] });
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(malformed.body.errors)).toContain('value');
    expect((await k.call('post', scoring('/phases/quarter-final/scores'), judges[0].token, { scores: [] })).status).toBe(400);
    expect(await stateFingerprint(k.t.app)).toBe(before);

    expect((await score(2, 'final', types.style, { ada: 1, bob: 1, cy: 1, dee: 1, eve: 1 })).body).toMatchObject({ status: 403, type: problemType('judge-not-assigned') });
    expect((await k.call('post', scoring('/phases/preliminary/scores'), voter.token, { scores: [{ contestantId: c.ada, scoreTypeId: types.voice, value: 5 }] })).status).toBe(403);
    expect((await k.call('post', scoring('/score-types'), voter.token, { name: 'X', scaleMin: 0, scaleMax: 1, weight: 1, calculationMethod: 'min-max' })).status).toBe(403);
    expect((await k.call('post', scoring('/phases/final/judges'), k.organizer, { judgeId: voter.userId })).body).toMatchObject({ status: 422, type: problemType('not-a-judge'), errors: [{ field: 'judgeId' }] });
    expect(await stateFingerprint(k.t.app)).toBe(before);

    const slug = `scoring-${randomUUID().slice(0, 8)}`;
    await ok(k.call('post', '/api/tenants', admin, { name: 'Other show', slug }), 201);
    const elsewhere = (path: string) => k.t.http().get(path).set('X-Tenant-Id', slug).set('Authorization', `Bearer ${admin}`);
    expect((await elsewhere(scoring('/commitments'))).status).toBe(404);
    expect((await elsewhere(scoring('/report'))).status).toBe(404);
    expect((await k.t.http().post(scoring('/score-types')).set('X-Tenant-Id', slug).set('Authorization', `Bearer ${admin}`).send({ name: 'X', scaleMin: 0, scaleMax: 1, weight: 1, calculationMethod: 'min-max' })).status).toBe(404);
  });

  it('three judges score five contestants in the preliminary and two in the final; a locked score cannot change; commitments are public while the scores stay hidden', async () => {
    // Preliminary. Voice (judge 0, min-max 1–10): 100, 80, 50, 0, 70.
    await ok(score(0, 'preliminary', types.voice, { ada: 9, bob: 8.2, cy: 5.5, dee: 1, eve: 7.3 }));
    await ok(score(0, 'preliminary', types.voice, { ada: 10, bob: 8.2, cy: 5.5, dee: 1, eve: 7.3 })); // a change before the lock replaces the score
    // Stage (judge 1, z-score; mean 50, sd 20): z 1.5, 0.5, 0, -0.5, -1.5 → 75, 58.333, 50, 41.667, 25.
    await ok(score(1, 'preliminary', types.stage, { ada: 80, bob: 60, cy: 50, dee: 40, eve: 20 }));
    // Style (judge 2, rank-based 1–5): Bob 1st, Ada 2nd, Cy and Dee share 3rd–4th, Eve 5th → 75, 100, 37.5, 37.5, 0.
    await ok(score(2, 'preliminary', types.style, { ada: 4, bob: 5, cy: 3, dee: 3, eve: 1 }));
    for (const judge of [0, 1]) {
      const locked = await ok(k.call('post', scoring('/phases/preliminary/lock'), judges[judge].token));
      expect(locked).toMatchObject({ phase: 'preliminary', scoreCount: 5, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    // Ten locks of one judge at once: one wins, the others find the scores locked.
    const racing = await Promise.all(Array.from({ length: 10 }, () => k.call('post', scoring('/phases/preliminary/lock'), judges[2].token)));
    expect(racing.map((res) => res.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    expect(racing.filter((res) => res.status === 409).every((res) => res.body.type === problemType('scores-locked'))).toBe(true);
    const relock = await score(0, 'preliminary', types.voice, { ada: 1, bob: 1, cy: 1, dee: 1, eve: 1 });
    expect(relock.body).toMatchObject({ status: 409, type: problemType('scores-locked') });
    const own = await ok(k.call('get', scoring('/my-scores'), judges[0].token));
    expect((own.phases as { phase: string; lockedAt: string | null; scores: { contestantId: string; value: number }[] }[])[0]).toMatchObject({ phase: 'preliminary', lockedAt: expect.any(String) });
    expect((own.phases as { scores: { contestantId: string; value: number }[] }[])[0].scores.find((s) => s.contestantId === c.ada)?.value).toBe(10);

    await ok(k.call('post', scoring('/adjustments'), k.organizer, { phase: 'preliminary', contestantId: c.dee, points: 5, reason: 'Microphone failure during the song' }), 201);
    const closed = await ok(k.call('post', scoring('/phases/preliminary/close'), k.organizer));
    expect(closed.snapshotId).toEqual(expect.any(String));

    // Final: weights Voice 2, Stage 3; 40 % of the preliminary carried over.
    await ok(score(0, 'final', types.voice, { ada: 7.3, bob: 10, cy: 5.5, dee: 4.6, eve: 2.8 })); // 70, 100, 50, 40, 20
    await ok(score(1, 'final', types.stage, { ada: 50, bob: 80, cy: 40, dee: 60, eve: 20 })); // 50, 75, 41.667, 58.333, 25
    expect((await k.call('post', scoring('/phases/final/close'), k.organizer)).body).toMatchObject({ status: 409, type: problemType('judges-not-locked') });
    for (const judge of [0, 1]) await ok(k.call('post', scoring('/phases/final/lock'), judges[judge].token));

    const commitments = await ok(k.call('get', scoring('/commitments')));
    commitmentsBeforeClose = commitments.items as typeof commitmentsBeforeClose;
    expect(commitmentsBeforeClose).toHaveLength(5);
    expect(commitments.items).toEqual(expect.arrayContaining([expect.objectContaining({ salt: null, canonical: null })]));
    expect((await k.call('get', scoring('/leaderboard'))).body).toMatchObject({ status: 409, type: problemType('scores-not-revealed') });
    expect((await k.call('get', scoring('/report'), k.organizer)).status).toBe(409);
    expect((await k.call('post', scoring('/reveal'), k.organizer)).body).toMatchObject({ status: 409, type: problemType('voting-not-closed') });

    // The 30-second recalculation (voting's job) ranks the blends too: with no votes yet the blend is half the jury score, Eve's ×1.5.
    const job = k.t.app.get(JobRegistry).find('voting.leaderboard-recalc')!;
    expect(await k.t.app.get(JobScheduler).tick(job)).toBe('ran');
    const db = k.t.app.get(MikroORM).em.getConnection('write');
    const baselines = (await db.execute(`select contestant_id from scoring_rank_baselines where event_id = ? and ranking = 'blended' order by rank`, [eventId])) as { contestant_id: string }[];
    expect(baselines.map((row) => row.contestant_id)).toEqual([c.bob, c.ada, c.cy, c.eve, c.dee]);
  });

  it('after the close the reveal checks out against the commitments published before it, and the blended final leaderboard is the hand-computed one', async () => {
    await k.grant(voter.userId, 100);
    const second = await k.voter();
    await k.grant(second.userId, 100);
    for (const [token, who, amount] of [
      [voter.token, c.ada, 40],
      [voter.token, c.bob, 20],
      [voter.token, c.cy, 30],
      [second.token, c.dee, 10],
      [second.token, c.eve, 32],
    ] as const) {
      expect((await k.vote(token, who, amount)).status).toBe(201);
    }
    await eventually(async () => {
      const board = await ok(k.call('get', `/api/leaderboard/event/${eventId}`));
      expect((board.items as { votes: number }[]).map((i) => i.votes)).toEqual([40, 32, 30, 20, 10]);
    });
    await ok(k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' }));
    expect((await k.call('post', scoring('/phases/final/lock'), judges[0].token)).status).toBe(409);

    const revealed = await ok(k.call('post', scoring('/reveal'), k.organizer));
    const reveals = revealed.reveals as { phase: string; judgeId: string; commitment: string; salt: string; canonical: string }[];
    expect(reveals).toHaveLength(5);
    for (const published of commitmentsBeforeClose) {
      const shown = reveals.find((r) => r.phase === published.phase && r.judgeId === published.judgeId)!;
      expect(createHash('sha256').update(`${shown.canonical}\n${shown.salt}`).digest('hex')).toBe(published.commitment);
      expect(shown.canonical.split('\n')[0]).toBe(`tally-jury-commitment-v1,${eventId},${published.phase},${published.judgeId}`);
    }
    expect(reveals.find((r) => r.phase === 'preliminary' && r.judgeId === judges[0].userId)?.canonical).toContain(`${c.ada},${types.voice},10`);
    expect((await k.call('get', scoring('/commitments'))).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ salt: expect.any(String), canonical: expect.any(String) })]));

    // By hand. Preliminary phase scores (Voice ×2, Stage, Style) / 4; Dee +5 adjusted:
    //   Ada (200 + 75 + 75)/4 = 87.5; Bob (160 + 58.333 + 100)/4 = 79.583; Cy (100 + 50 + 37.5)/4 = 46.875;
    //   Dee (0 + 41.667 + 37.5)/4 = 19.792 + 5 = 24.792; Eve (140 + 25 + 0)/4 = 41.25.
    // Final (Voice ×2, Stage ×3) / 5: Ada 58, Bob 85, Cy 45, Dee 51, Eve 23.
    // Jury = 0.4 · preliminary + 0.6 · final: Ada 69.8, Bob 82.833, Cy 45.75, Dee 40.517, Eve 30.3.
    // Public = 100 · votes / 40: Ada 100, Bob 50, Cy 75, Dee 25, Eve 80.
    // Blend 50/50 × category weight (Eve's Wildcard 1.5): Ada 84.9, Eve 82.725, Bob 66.417, Cy 60.375, Dee 32.758.
    // Change since the recalculation before the votes (Bob, Ada, Cy, Eve, Dee): Ada +1, Eve +2, Bob −2, Cy −1, Dee 0.
    const expected = [
      { rank: 1, name: 'Ada', votes: 40, juryScore: 69.8, publicScore: 100, score: 84.9, change: 1 },
      { rank: 2, name: 'Eve', votes: 32, juryScore: 30.3, publicScore: 80, score: 82.725, change: 2 },
      { rank: 3, name: 'Bob', votes: 20, juryScore: 82.8333, publicScore: 50, score: 66.4167, change: -2 },
      { rank: 4, name: 'Cy', votes: 30, juryScore: 45.75, publicScore: 75, score: 60.375, change: -1 },
      { rank: 5, name: 'Dee', votes: 10, juryScore: 40.5167, publicScore: 25, score: 32.7583, change: 0 },
    ];
    const board = await ok(k.call('get', scoring('/leaderboard')));
    expect(board).toMatchObject({ ranking: 'blended', blend: { juryWeight: 50, publicWeight: 50 }, finalised: false });
    const items = board.items as (typeof expected)[number][];
    expect(items.map(({ rank, name, votes, change }) => ({ rank, name, votes, change }))).toEqual(expected.map(({ rank, name, votes, change }) => ({ rank, name, votes, change })));
    items.forEach((item, i) => {
      expect(item.juryScore).toBeCloseTo(expected[i].juryScore, 3);
      expect(item.publicScore).toBeCloseTo(expected[i].publicScore, 3);
      expect(item.score).toBeCloseTo(expected[i].score, 3);
    });
    const jury = await ok(k.call('get', scoring('/leaderboard?ranking=jury')));
    expect((jury.items as { name: string }[]).map((i) => i.name)).toEqual(['Bob', 'Ada', 'Cy', 'Dee', 'Eve']);

    const report = await ok(k.call('get', scoring('/report'), k.organizer));
    expect(report.adjustments).toEqual([expect.objectContaining({ phase: 'preliminary', contestantId: c.dee, points: 5, reason: 'Microphone failure during the song' })]);
    const dee = (report.contestants as { contestantId: string; phases: { phase: string; score: number; adjustment: number; adjusted: number }[] }[]).find((x) => x.contestantId === c.dee)!;
    expect(dee.phases[0]).toMatchObject({ phase: 'preliminary', adjustment: 5 });
    expect(dee.phases[0].adjusted - dee.phases[0].score).toBeCloseTo(5, 3);
    expect((await k.call('get', scoring('/report'), voter.token)).status).toBe(403);

    const final = await ok(k.call('post', scoring('/finalise'), k.organizer));
    expect((await k.call('post', scoring('/adjustments'), k.organizer, { phase: 'final', contestantId: c.eve, points: 1, reason: 'late' })).body).toMatchObject({ status: 409, type: problemType('scoring-finalised') });

    // Snapshots at the milestones, served by the leaderboard's existing endpoints now that the scores are revealed.
    const snapshots = await eventually(async () => {
      const list = await ok(k.call('get', `/api/leaderboard/event/${eventId}/snapshots`));
      const reasons = (list.items as { reason: string }[]).map((s) => s.reason).sort();
      expect(reasons).toEqual(['close', 'closed', 'finalised', 'phase-end']);
      return list.items as { snapshotId: string; reason: string; ranking?: string; items: { name: string; score?: number }[] }[];
    }, 20_000);
    const finalSnapshot = await ok(k.call('get', `/api/leaderboard/snapshot/${final.snapshotId as string}`));
    expect(finalSnapshot).toMatchObject({ reason: 'finalised', ranking: 'blended' });
    expect((finalSnapshot.items as { name: string }[]).map((i) => i.name)).toEqual(['Ada', 'Eve', 'Bob', 'Cy', 'Dee']);
    expect(snapshots.find((s) => s.reason === 'closed')?.ranking).toBeUndefined();
  });

  it('rebuilding the scoring read models from the log gives identical tables', async () => {
    const db = k.t.app.get(MikroORM).em.getConnection('write');
    const tables = async () => ({
      types: await db.execute('select * from score_types order by score_type_id'),
      phases: await db.execute('select * from judging_phases order by event_id, phase'),
      judges: await db.execute('select * from judge_assignments order by event_id, phase, judge_id'),
      raw: await db.execute('select * from raw_scores order by score_id'),
      adjustments: await db.execute('select * from score_adjustments order by adjustment_id'),
      normalized: await db.execute('select * from normalized_scores order by normalized_id'),
      jury: await db.execute('select * from jury_results order by event_id, contestant_id'),
      contests: await db.execute('select * from scoring_contests order by event_id'),
      snapshots: await db.execute('select * from scoring_snapshots order by snapshot_id'),
    });
    const status = k.t.app.get(ProjectionStatusService);
    await eventually(async () => expect((await status.status('scoring-judging')).eventsBehind).toBe(0), 20_000);
    const live = await tables();
    expect(live.raw).toHaveLength(5 * 3 + 5 * 2);
    expect(live.normalized).toHaveLength(5 * 3 + 5 * 2);
    expect(live.jury).toHaveLength(5);
    const rebuilt = await k.t.app.get(ProjectionRebuildService).rebuild('scoring-judging', { fresh: true });
    expect(rebuilt.parked).toBe(0);
    expect(await tables()).toEqual(live);
  });
});
