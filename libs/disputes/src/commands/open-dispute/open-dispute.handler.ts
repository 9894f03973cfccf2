import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { disputeDecider } from '../../domain/dispute.state';
import { disputeStream } from '../../domain/dispute.streams';
import { DisputeSubjects } from '../../subjects/dispute-subjects';
import { OpenDisputeCommand, OpenDisputeResult } from './open-dispute.command';
import { decideOpenDispute } from './open-dispute.decide';

@CommandHandler(OpenDisputeCommand)
export class OpenDisputeHandler implements ICommandHandler<OpenDisputeCommand, OpenDisputeResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly subjects: DisputeSubjects,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: OpenDisputeCommand): Promise<OpenDisputeResult> {
    const userId = await this.subjects.ownerOf(metadata.tenantId, input);
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: disputeDecider, streamId: disputeStream(metadata.tenantId, input.caseId), decide: (state) => decideOpenDispute({ ...input, userId }, state, now) },
      metadata,
    );
    return { caseId: input.caseId, status: outcome.state.status === 'none' ? 'open' : outcome.state.status, created: outcome.events.length > 0 };
  }
}
