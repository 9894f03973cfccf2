import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decideStatusChange } from '../../domain/tenant-status';
import { tenantDecider } from '../../domain/tenant.decider';
import { TenantStatus } from '../../domain/tenant.events';
import { tenantStream } from '../../domain/tenant.streams';
import { TenantStatusBook } from '../../status/tenant-status-book';
import { ChangeTenantStatusCommand } from './change-tenant-status.command';

@CommandHandler(ChangeTenantStatusCommand)
export class ChangeTenantStatusHandler implements ICommandHandler<ChangeTenantStatusCommand, { tenantId: string; status: TenantStatus }> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly book: TenantStatusBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ChangeTenantStatusCommand): Promise<{ tenantId: string; status: TenantStatus }> {
    const outcome = await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(command.tenantId),
        decide: (state) => decideStatusChange(state, command.status, command.reason, this.clock.now().toISOString()),
      },
      command.metadata,
    );
    this.book.changed(command.tenantId, outcome.state.status === 'suspended');
    return { tenantId: command.tenantId, status: outcome.state.status };
  }
}
