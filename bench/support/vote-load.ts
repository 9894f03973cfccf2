import { randomUUID } from 'node:crypto';
import { TENANT, PreparedContest } from './contest-setup';
import { LoadOptions } from './load';

/**
 * POST /api/votes bodies: each connection votes for its own voters in turn (connection k uses
 * voters k, k+C, k+2C…, so two requests of one voter are never in flight together when there
 * are at least as many voters as connections), a random contestant, one vote, a fresh
 * Idempotency-Key. Counts the 201s and when the last one came.
 */
export class VoteTraffic {
  accepted = 0;
  lastAcceptedAt = 0;
  readonly acceptedIds = new Set<string>();
  private readonly turns: number[] = [];
  private readonly headers: Record<string, string>[];
  private readonly bodies: string[];

  constructor(
    contest: PreparedContest,
    private readonly connections: number,
    /** Keep the vote ids of the 201s (the fault checks need them). */
    private readonly keepIds = false,
  ) {
    this.headers = contest.voters.map((voter) => ({
      'content-type': 'application/json',
      'x-tenant-id': TENANT,
      authorization: `Bearer ${voter.token}`,
    }));
    this.bodies = contest.contestantIds.map((contestantId) => JSON.stringify({ contestantId, amount: 1 }));
  }

  readonly request: LoadOptions['request'] = (connection) => {
    const turn = (this.turns[connection] ?? 0) + 1;
    this.turns[connection] = turn;
    const voters = this.headers.length;
    const owned = voters >= this.connections ? Math.ceil((voters - connection) / this.connections) : 1;
    const voter = voters >= this.connections ? connection + (turn % owned) * this.connections : connection % voters;
    return {
      method: 'POST',
      path: '/api/votes',
      headers: { ...this.headers[voter], 'idempotency-key': randomUUID() },
      body: this.bodies[Math.floor(Math.random() * this.bodies.length)],
    };
  };

  readonly onResponse: NonNullable<LoadOptions['onResponse']> = (response) => {
    if (response.status !== 201) return;
    this.accepted++;
    this.lastAcceptedAt = response.at;
    if (this.keepIds) this.acceptedIds.add((JSON.parse(response.body) as { voteId: string }).voteId);
  };
}
