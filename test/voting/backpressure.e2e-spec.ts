import { BackpressureGate, ProjectionRunner, ReadPositionWaiter } from '@tally/eventstore';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { eventually, problemType, startVotingE2e, VotingE2e } from './voting-test-kit';

/**
 * Backpressure on the vote path: with the projections held and their lag past the configured
 * depth, votes are refused with 503 + Retry-After instead of piling up; once the projections
 * catch up, votes are taken again.
 */
describe('votes shed load when the projections fall behind', () => {
  let kit: VotingE2e;

  beforeAll(async () => {
    kit = await startVotingE2e({ BACKPRESSURE_MAX_LAG_EVENTS: '3', BACKPRESSURE_MAX_LAG_SECONDS: '0', BACKPRESSURE_CHECK_MS: '10', BACKPRESSURE_RETRY_AFTER_SECONDS: '2' });
  }, 60_000);
  afterAll(async () => {
    kit.t.app.get(ProjectionRunner).resume();
    await kit?.close();
  });

  it('answers 503 with Retry-After past the depth, and takes votes again once the lag falls', async () => {
    const { contestants } = await kit.openEvent({});
    const voter = await kit.voter();
    const granted = await kit.grant(voter.userId, 50);
    const gate = kit.t.app.get(BackpressureGate);
    // Everything written so far applied, not merely "no lag seen": an open transaction elsewhere in
    // the cluster can hide the setup's newest events from the gate (xmin), and they would count
    // against the depth once visible, refusing one of the four votes below.
    expect(await kit.t.app.get(ReadPositionWaiter).waitFor(gate.config.projections, granted, 30_000)).toBe(true);
    expect(await gate.measure()).toBeNull();

    const runner = kit.t.app.get(ProjectionRunner);
    runner.pause();
    for (let i = 0; i < 4; i++) expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
    // The gate counts what readers can see: an open transaction elsewhere in the cluster holds the
    // newest votes back from them a moment (xmin), so the lag shows once they are visible.
    await eventually(async () => expect(await gate.measure()).toMatch(/has more than 3 events to apply/));

    const refused = await kit.vote(voter.token, contestants[0], 1);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.body.type).toBe(problemType('overloaded'));

    runner.resume();
    await eventually(async () => expect(await gate.measure()).toBeNull());
    expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
  });
});

/**
 * Backpressure on the async task backlog: past BACKPRESSURE_MAX_PENDING_TASKS tasks waiting to
 * run, votes are refused with 503 + Retry-After like the lag rule; taken again once it drains.
 */
describe('votes shed load when the async task backlog passes its depth', () => {
  let kit: VotingE2e;
  let pool: Pool;

  beforeAll(async () => {
    kit = await startVotingE2e({ BACKPRESSURE_MAX_PENDING_TASKS: '2', BACKPRESSURE_MAX_LAG_SECONDS: '0', BACKPRESSURE_CHECK_MS: '10', BACKPRESSURE_RETRY_AFTER_SECONDS: '3' });
    pool = kit.t.app.get<Pool>(PG_POOL);
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
  });

  it('answers 503 with Retry-After while more tasks than the depth wait, and takes votes again once they are done', async () => {
    const { contestants } = await kit.openEvent({});
    const voter = await kit.voter();
    await kit.grant(voter.userId, 50);
    const gate = kit.t.app.get(BackpressureGate);
    expect(await gate.measure()).toBeNull();
    expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);

    // A backlog no worker here drains (a type this process has no handler for, as during a deploy).
    const backlog = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of backlog) await pool.query(`insert into async_tasks (task_id, task_type, payload, status, next_attempt_at) values ($1, 'elsewhere.slow-work', '{}', 'pending', now())`, [id]);
    expect(await gate.measure()).toBe('more than 2 async tasks are waiting to run');
    const refused = await Promise.all(Array.from({ length: 10 }, () => kit.vote(voter.token, contestants[0], 1)));
    for (const res of refused) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body.type).toBe(problemType('overloaded'));
    }

    await pool.query(`update async_tasks set status = 'succeeded', completed_at = now() where task_id = any($1)`, [backlog.slice(0, 2)]);
    expect(await gate.measure()).toBeNull();
    expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
  });
});
