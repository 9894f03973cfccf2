import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { voterDecider } from '../../domain/voter.state';
import { contestStream, voterStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { RefundVoteCommand, RefundVoteResult } from './refund-vote.command';
import { decideRefundVote } from './refund-vote.decide';

@CommandHandler(RefundVoteCommand)
export class RefundVoteHandler implements ICommandHandler<RefundVoteCommand, RefundVoteResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RefundVoteCommand): Promise<RefundVoteResult> {
    const { tenantId } = metadata;
    const streamId = voterStream(tenantId, input.userId);
    const voter = await this.runner.load(voterDecider, streamId);
    const vote = voter.state.votes.get(input.voteId);
    if (!vote) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    const contest = (await this.runner.load(contestDecider, contestStream(tenantId, vote.contestId))).state;
    const now = this.clock.now();
    await this.runner.run({ decider: voterDecider, streamId, decide: (state) => decideRefundVote(input, contest, state, now) }, metadata);
    return { voteId: input.voteId, status: 'refunded' };
  }
}
