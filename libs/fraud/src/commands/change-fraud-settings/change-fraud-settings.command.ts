import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { FraudSettings } from '../../domain/fraud.events';

export class ChangeFraudSettingsCommand extends TallyCommand<FraudSettings> {
  constructor(
    readonly settings: FraudSettings,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
