import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { TokenPair } from '../../auth/session-tokens';

export class LogInCommand extends TallyCommand<TokenPair> {
  constructor(
    readonly email: string,
    readonly password: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
