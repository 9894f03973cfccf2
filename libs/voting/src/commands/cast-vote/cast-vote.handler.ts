import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { VotingError } from '../../voting.errors';
import { castVoteAttempts } from './cast-vote.attempts';
import { CastVoteCommand, CastVoteResult } from './cast-vote.command';
import { CastVoteFactsGatherer } from './cast-vote.facts';

/**
 * The hot path: one append to the voter stream, conditional on the contest stream still being
 * at the revision the (cached) decision saw (cast-vote.attempts.ts). A key
 * still being processed by this process gets 409 (tracked in memory: per process); across
 * processes the voter stream's expected revision makes the second one re-decide, see the key
 * and replay.
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand, CastVoteResult> {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: CastVoteFactsGatherer,
  ) {}

  async execute({ input: requested, metadata }: CastVoteCommand): Promise<CastVoteResult> {
    const flight = `${metadata.tenantId}:${requested.userId}:${requested.idempotencyKey}`;
    if (this.inFlight.has(flight)) throw new VotingError('VOTING.IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is in progress');
    this.inFlight.add(flight);
    try {
      const decision = await castVoteAttempts(this.runner, this.facts, requested, metadata);
      if (decision.kind === 'replay') return { response: decision.response, replayed: true };
      const d = decision.event.data;
      const response = { voteId: d.voteId, eventId: d.contestId, contestantId: d.contestantId, amount: d.amount, status: d.status, createdAt: d.castAt, remaining: d.remaining };
      return { response, replayed: false };
    } finally {
      this.inFlight.delete(flight);
    }
  }
}
