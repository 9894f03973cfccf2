import { BackpressureGate, ProjectionRunner } from '@tally/eventstore';
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
    await kit.grant(voter.userId, 50);
    const gate = kit.t.app.get(BackpressureGate);
    await eventually(async () => expect(await gate.measure()).toBeNull());

    const runner = kit.t.app.get(ProjectionRunner);
    runner.pause();
    for (let i = 0; i < 4; i++) expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
    expect(await gate.measure()).toMatch(/has more than 3 events to apply/);

    const refused = await kit.vote(voter.token, contestants[0], 1);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.body.type).toBe(problemType('overloaded'));

    runner.resume();
    await eventually(async () => expect(await gate.measure()).toBeNull());
    expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
  });
});
