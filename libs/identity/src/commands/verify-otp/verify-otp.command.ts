import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { TokenPair } from '../../auth/session-tokens';
import type { OtpPurpose } from '../../domain/otp.events';

export type VerifyOtpResult = TokenPair | { phoneVerified: true } | { resetToken: string };

export class VerifyOtpCommand extends TallyCommand<VerifyOtpResult> {
  constructor(
    readonly purpose: OtpPurpose,
    readonly code: string,
    readonly destination: { phone?: string; email?: string },
    readonly actorUserId: string | null,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
