import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { FraudSettings } from '../../domain/fraud.events';
import { fraudSettingsDecider, fraudSettingsStream } from '../../domain/fraud-settings';
import { FraudSettingsReader } from '../../settings/fraud-settings.reader';
import { ChangeFraudSettingsCommand } from './change-fraud-settings.command';
import { decideChangeFraudSettings } from './change-fraud-settings.decide';

@CommandHandler(ChangeFraudSettingsCommand)
export class ChangeFraudSettingsHandler implements ICommandHandler<ChangeFraudSettingsCommand, FraudSettings> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly reader: FraudSettingsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ settings, metadata }: ChangeFraudSettingsCommand): Promise<FraudSettings> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: fraudSettingsDecider, streamId: fraudSettingsStream(metadata.tenantId), decide: (state) => decideChangeFraudSettings(settings, state, now) },
      metadata,
    );
    this.reader.changed(metadata.tenantId);
    return outcome.state.settings;
  }
}
