import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { voterDecider } from '../../domain/voter.state';
import { contestStream, voterStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { ReleaseHeldVoteCommand, ReviewDecisionResult } from './release-held-vote.command';
import { decideReleaseHeldVote } from './release-held-vote.decide';

@CommandHandler(ReleaseHeldVoteCommand)
export class ReleaseHeldVoteHandler implements ICommandHandler<ReleaseHeldVoteCommand, ReviewDecisionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ReleaseHeldVoteCommand): Promise<ReviewDecisionResult> {
    const { tenantId } = metadata;
    const streamId = voterStream(tenantId, input.userId);
    const vote = (await this.runner.load(voterDecider, streamId)).state.votes.get(input.voteId);
    if (!vote) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    const contest = (await this.runner.load(contestDecider, contestStream(tenantId, vote.contestId))).state;
    const now = this.clock.now();
    await this.runner.run({ decider: voterDecider, streamId, decide: (state) => decideReleaseHeldVote(input, contest, state, now) }, metadata);
    return { voteId: input.voteId, status: 'accepted', creditsReturned: 0, decidedAt: now.toISOString() };
  }
}
