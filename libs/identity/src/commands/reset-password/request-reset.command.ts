import { CommandMetadata, TallyCommand } from '@tally/eventstore';

/**
 * Starts a password reset for a known user. With `email` the token is mailed (asynchronously)
 * and the result is null; without, the token is returned (after an OTP proved the subject).
 */
export class RequestResetTokenCommand extends TallyCommand<{ resetToken: string }> {
  constructor(
    readonly userId: string,
    readonly email: string | null,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}

/** `POST /api/auth/password/reset { email }`: always 202. */
export class RequestPasswordResetCommand extends TallyCommand<void> {
  constructor(
    readonly email: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}

/** `POST /api/auth/password/reset { token, newPassword }`: 204, every session revoked. */
export class CompletePasswordResetCommand extends TallyCommand<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
