import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { voterDecider } from '../../domain/voter.state';
import { contestStream, voterStream } from '../../domain/voting.streams';
import { HoldVoteForReviewCommand, PatternActionResult } from './hold-vote-for-review.command';
import { decideHoldVoteForReview } from './hold-vote-for-review.decide';

@CommandHandler(HoldVoteForReviewCommand)
export class HoldVoteForReviewHandler implements ICommandHandler<HoldVoteForReviewCommand, PatternActionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: HoldVoteForReviewCommand): Promise<PatternActionResult> {
    const streamId = voterStream(metadata.tenantId, input.userId);
    const vote = (await this.runner.load(voterDecider, streamId)).state.votes.get(input.voteId);
    if (!vote) return { voteId: input.voteId, applied: false, status: 'not-found' };
    const contest = (await this.runner.load(contestDecider, contestStream(metadata.tenantId, vote.contestId))).state;
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: voterDecider, streamId, decide: (state) => decideHoldVoteForReview(input, contest, state, now) }, metadata);
    return { voteId: input.voteId, applied: outcome.events.length > 0, status: outcome.state.votes.get(input.voteId)?.status ?? 'not-found' };
  }
}
