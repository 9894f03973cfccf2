import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { ScreeningRecord, voterStream } from '@tally/voting';
import { startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/** What an auditor recomputes from the stored factors. */
const scoreOf = (factors: readonly { contribution: number }[]): number => Math.min(100, factors.reduce((sum, f) => sum + f.contribution, 0));

/**
 * The optional external fraud scorer on the vote path (libs/fraud/README.md "External scoring"),
 * against a real local HTTP scoring service: its answer is a stored factor that adds up with the
 * internal ones; a service that never answers is cut at the timeout and the vote is still
 * decided, with the fallback recorded.
 */
describe('external fraud scoring on the vote path', () => {
  let k: VotingE2e;
  let mode: 'answer' | 'hang' = 'answer';
  const hanging = new Set<ServerResponse>();
  const service = createServer((req, res) => {
    req.resume();
    if (mode === 'hang') return void hanging.add(res);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ risk: 0.5, reason: 'Outside model' }));
  });

  beforeAll(async () => {
    service.listen(0, '127.0.0.1');
    await once(service, 'listening');
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    k = await startVotingE2e({
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      VOTING_REDIS_PREFIX: prefix,
      FRAUD_REDIS_PREFIX: prefix,
      FRAUD_EXTERNAL_URL: `http://127.0.0.1:${(service.address() as AddressInfo).port}/score`,
      FRAUD_EXTERNAL_TIMEOUT_MS: '300',
      FRAUD_EXTERNAL_WEIGHT: '40',
    });
  }, 180_000);
  afterAll(async () => {
    await k?.close();
    for (const res of hanging) res.destroy();
    service.closeAllConnections();
    await new Promise((resolve) => service.close(resolve));
  });

  const screeningOf = async (userId: string, voteId: string): Promise<ScreeningRecord | undefined> => {
    const events = await k.t.app.get<EventStore>(EVENT_STORE).readStream(voterStream(k.t.tenantId, userId));
    const cast = events.find((e) => e.type === 'VoteCast' && (e.data as { voteId: string }).voteId === voteId);
    return (cast?.data as { screening?: ScreeningRecord } | undefined)?.screening;
  };
  const vote = async (contestantId: string) => {
    const voter = await k.voter();
    await k.grant(voter.userId, 5);
    const res = await k.call('post', '/api/votes', voter.token, { contestantId, amount: 1 }, { 'Idempotency-Key': randomUUID() });
    expect(res.status).toBe(201);
    return { userId: voter.userId, voteId: res.body.voteId as string, status: res.body.status as string };
  };

  it('stores the answer as the externalScore factor, and the stored factors add up to the score', async () => {
    const { contestants } = await k.openEvent({});
    const cast = await vote(contestants[0]);
    const screening = (await screeningOf(cast.userId, cast.voteId))!;
    const external = screening.factors.find((f) => f.signal === 'externalScore');
    expect(external).toMatchObject({ risk: 0.5, weight: 40, contribution: 20, reason: 'Outside model', inputs: { outcome: 'scored' } });
    expect(scoreOf(screening.factors)).toBe(screening.score);
  });

  it('a service that never answers: the vote is decided after the timeout, the fallback recorded', async () => {
    mode = 'hang';
    const { contestants } = await k.openEvent({});
    const cast = await vote(contestants[0]);
    expect(cast.status).toBe('accepted');
    const screening = (await screeningOf(cast.userId, cast.voteId))!;
    expect(screening.factors.find((f) => f.signal === 'externalScore')).toMatchObject({ risk: 0, contribution: 0, inputs: { outcome: 'timeout' } });
    expect(scoreOf(screening.factors)).toBe(screening.score);
  });
});
