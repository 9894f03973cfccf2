import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export class VerifyPhoneCommand extends TallyCommand<{ phoneVerified: true }> {
  constructor(
    readonly userId: string,
    readonly phone: string,
    readonly code: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
