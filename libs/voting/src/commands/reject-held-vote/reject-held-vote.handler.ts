import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { ReviewDecisionResult } from '../release-held-vote/release-held-vote.command';
import { RejectHeldVoteCommand } from './reject-held-vote.command';
import { decideRejectHeldVote } from './reject-held-vote.decide';

@CommandHandler(RejectHeldVoteCommand)
export class RejectHeldVoteHandler implements ICommandHandler<RejectHeldVoteCommand, ReviewDecisionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RejectHeldVoteCommand): Promise<ReviewDecisionResult> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: voterDecider, streamId: voterStream(metadata.tenantId, input.userId), decide: (state) => decideRejectHeldVote(input, state, now) },
      metadata,
    );
    const rejected = outcome.events.find((event) => event.type === 'HeldVoteRejected');
    return { voteId: input.voteId, status: 'rejected', creditsReturned: rejected?.data.paidReturned ?? 0, decidedAt: now.toISOString() };
  }
}
