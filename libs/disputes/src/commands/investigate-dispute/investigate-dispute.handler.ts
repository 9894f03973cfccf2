import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { disputeDecider } from '../../domain/dispute.state';
import { disputeStream } from '../../domain/dispute.streams';
import { DisputeTransitionResult, InvestigateDisputeCommand } from './investigate-dispute.command';
import { decideInvestigateDispute } from './investigate-dispute.decide';

@CommandHandler(InvestigateDisputeCommand)
export class InvestigateDisputeHandler implements ICommandHandler<InvestigateDisputeCommand, DisputeTransitionResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, metadata }: InvestigateDisputeCommand): Promise<DisputeTransitionResult> {
    const now = this.clock.now();
    await this.runner.run({ decider: disputeDecider, streamId: disputeStream(metadata.tenantId, caseId), decide: (state) => decideInvestigateDispute(state, now) }, metadata);
    return { caseId, status: 'investigating', at: now.toISOString() };
  }
}
