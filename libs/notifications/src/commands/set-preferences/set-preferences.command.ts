import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { NotificationKind } from '../../domain/push.events';

export interface SetPreferencesInput {
  userId: string;
  muted: NotificationKind[];
  follows: string[];
}

export interface PreferencesResult {
  /** Kinds the voter does not want; everything else is sent. */
  muted: NotificationKind[];
  /** Events the voter follows: they hear when these open, are about to close and close, voted or not. */
  follows: string[];
}

export class SetPreferencesCommand extends TallyCommand<PreferencesResult> {
  constructor(
    readonly input: SetPreferencesInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
