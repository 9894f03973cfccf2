import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decideSettingsChange } from '../../domain/tenant-settings';
import { tenantDecider } from '../../domain/tenant.decider';
import { TenantSettingValue } from '../../domain/tenant.events';
import { tenantStream } from '../../domain/tenant.streams';
import { ChangeTenantSettingsCommand } from './change-tenant-settings.command';

@CommandHandler(ChangeTenantSettingsCommand)
export class ChangeTenantSettingsHandler implements ICommandHandler<ChangeTenantSettingsCommand, Readonly<Record<string, TenantSettingValue>>> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ChangeTenantSettingsCommand): Promise<Readonly<Record<string, TenantSettingValue>>> {
    const outcome = await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(command.tenantId),
        decide: (state) => decideSettingsChange(state, command.settings, this.clock.now().toISOString()),
      },
      command.metadata,
    );
    return outcome.state.settings;
  }
}
