import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { OtpChannel, OtpPurpose } from '../../domain/otp.events';

export class RequestOtpCommand extends TallyCommand<void> {
  constructor(
    readonly channel: OtpChannel,
    readonly purpose: OtpPurpose,
    readonly destination: { phone?: string; email?: string },
    /** The signed-in caller; phone verification needs one. */
    readonly actorUserId: string | null,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
