import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { CastVoteCommand, CastVoteResult } from './cast-vote.command';
import { CastVoteDecision, decideCastVote } from './cast-vote.decide';
import { CastVoteFactsGatherer } from './cast-vote.facts';

/**
 * The hot path: one read of the contest stream's tail, one append to the voter stream. A key
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
      const { input, facts } = await this.facts.gather(requested, metadata);
      let decision: CastVoteDecision | undefined;
      const decide = (state: Parameters<typeof decideCastVote>[2]) => {
        decision = decideCastVote(input, facts, state);
        return decision.kind === 'cast' ? [decision.event] : [];
      };
      await this.runner.run({ decider: voterDecider, streamId: voterStream(metadata.tenantId, input.userId), decide }, metadata);
      if (!decision) throw new Error('The vote decision did not run');
      if (decision.kind === 'replay') return { response: decision.response, replayed: true };
      const d = decision.event.data;
      const response = { voteId: d.voteId, eventId: d.contestId, contestantId: d.contestantId, amount: d.amount, status: d.status, createdAt: d.castAt, remaining: d.remaining };
      return { response, replayed: false };
    } finally {
      this.inFlight.delete(flight);
    }
  }
}
