import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { Role } from '@tally/platform';

export class SignUpCommand extends TallyCommand<{ userId: string }> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly phone: string | null,
    metadata: CommandMetadata,
    /** Sign-up through the API always gets `voter`; the admin bootstrap passes more. */
    readonly roles: Role[] = ['voter'],
    /** The bootstrap admin's password comes from configuration and skips the breached-list check. */
    readonly trustedPassword = false,
  ) {
    super(metadata);
  }
}
