import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decideBrandingSubmission } from '../../domain/tenant-branding';
import { tenantDecider } from '../../domain/tenant.decider';
import { tenantStream } from '../../domain/tenant.streams';
import { SubmitBrandingCommand } from './submit-branding.command';

@CommandHandler(SubmitBrandingCommand)
export class SubmitBrandingHandler implements ICommandHandler<SubmitBrandingCommand, { submissionId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SubmitBrandingCommand): Promise<{ submissionId: string }> {
    await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(command.tenantId),
        decide: (state) => decideBrandingSubmission(state, command.submissionId, command.branding, this.clock.now().toISOString()),
      },
      command.metadata,
    );
    return { submissionId: command.submissionId };
  }
}
