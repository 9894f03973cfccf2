import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { disputeDecider } from '../../domain/dispute.state';
import { disputeStream } from '../../domain/dispute.streams';
import { DisputeTransitionResult } from '../investigate-dispute/investigate-dispute.command';
import { WithdrawDisputeCommand } from './withdraw-dispute.command';
import { decideWithdrawDispute } from './withdraw-dispute.decide';

@CommandHandler(WithdrawDisputeCommand)
export class WithdrawDisputeHandler implements ICommandHandler<WithdrawDisputeCommand, DisputeTransitionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: WithdrawDisputeCommand): Promise<DisputeTransitionResult> {
    const now = this.clock.now();
    await this.runner.run({ decider: disputeDecider, streamId: disputeStream(metadata.tenantId, input.caseId), decide: (state) => decideWithdrawDispute(input, state, now) }, metadata);
    return { caseId: input.caseId, status: 'withdrawn', at: now.toISOString() };
  }
}
