import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export class EraseUserCommand extends TallyCommand<void> {
  constructor(
    readonly userId: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
