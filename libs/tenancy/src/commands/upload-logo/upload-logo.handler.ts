import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { tenantDecider } from '../../domain/tenant.decider';
import { tenantStream } from '../../domain/tenant.streams';
import { UploadLogoCommand } from './upload-logo.command';
import { decideLogoUpload } from './upload-logo.decide';

@CommandHandler(UploadLogoCommand)
export class UploadLogoHandler implements ICommandHandler<UploadLogoCommand, { submissionId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: UploadLogoCommand): Promise<{ submissionId: string }> {
    const at = this.clock.now().toISOString();
    await this.runner.run(
      { decider: tenantDecider, streamId: tenantStream(command.tenantId), decide: (state) => decideLogoUpload(state, command.submissionId, command.logoUrl, at) },
      command.metadata,
    );
    return { submissionId: command.submissionId };
  }
}
