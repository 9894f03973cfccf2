import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decideBrandingReview } from '../../domain/tenant-branding';
import { tenantDecider } from '../../domain/tenant.decider';
import { tenantStream } from '../../domain/tenant.streams';
import { ReviewBrandingCommand } from './review-branding.command';

@CommandHandler(ReviewBrandingCommand)
export class ReviewBrandingHandler implements ICommandHandler<ReviewBrandingCommand, { submissionId: string; status: 'approved' | 'rejected' }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReviewBrandingCommand): Promise<{ submissionId: string; status: 'approved' | 'rejected' }> {
    await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(command.tenantId),
        decide: (state) => decideBrandingReview(state, command.submissionId, command.decision, this.clock.now().toISOString()),
      },
      command.metadata,
    );
    return { submissionId: command.submissionId, status: command.decision.approve ? 'approved' : 'rejected' };
  }
}
