import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { Role } from '@tally/platform';

export class ChangeRolesCommand extends TallyCommand<{ roles: Role[] }> {
  constructor(
    readonly userId: string,
    readonly roles: Role[],
    readonly grantorRoles: readonly Role[],
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
