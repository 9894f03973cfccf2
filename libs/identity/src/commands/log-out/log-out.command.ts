import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export class LogOutCommand extends TallyCommand<void> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
