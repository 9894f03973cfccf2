import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { BlockReason } from '../../domain/user.events';

export class BlockUserCommand extends TallyCommand<void> {
  constructor(
    readonly userId: string,
    readonly reason: BlockReason,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
