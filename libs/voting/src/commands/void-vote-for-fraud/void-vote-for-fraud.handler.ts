import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { voterDecider } from '../../domain/voter.state';
import { contestStream, voterStream } from '../../domain/voting.streams';
import { PatternActionResult } from '../hold-vote-for-review/hold-vote-for-review.command';
import { VoidVoteForFraudCommand } from './void-vote-for-fraud.command';
import { decideVoidVoteForFraud } from './void-vote-for-fraud.decide';

@CommandHandler(VoidVoteForFraudCommand)
export class VoidVoteForFraudHandler implements ICommandHandler<VoidVoteForFraudCommand, PatternActionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: VoidVoteForFraudCommand): Promise<PatternActionResult> {
    const streamId = voterStream(metadata.tenantId, input.userId);
    const vote = (await this.runner.load(voterDecider, streamId)).state.votes.get(input.voteId);
    if (!vote) return { voteId: input.voteId, applied: false, status: 'not-found' };
    const contest = (await this.runner.load(contestDecider, contestStream(metadata.tenantId, vote.contestId))).state;
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: voterDecider, streamId, decide: (state) => decideVoidVoteForFraud(input, contest, state, now) }, metadata);
    return { voteId: input.voteId, applied: outcome.events.length > 0, status: outcome.state.votes.get(input.voteId)?.status ?? 'not-found' };
  }
}
