import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { TokenPair } from '../../auth/session-tokens';

export class RefreshSessionCommand extends TallyCommand<TokenPair> {
  constructor(
    readonly refreshToken: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
