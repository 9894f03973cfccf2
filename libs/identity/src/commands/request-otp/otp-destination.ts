import { Lookups } from '../../crypto/lookups';
import type { OtpChannel } from '../../domain/otp.events';
import { ValidationProblem } from '../../identity.validation';

export interface OtpDestination {
  channel: OtpChannel;
  /** Normalised: E.164 phone or lower-cased email. */
  address: string;
  phoneType?: string;
}

/** The channel decides which field must be present: `phone` for sms, `email` for email. */
export function otpDestination(lookups: Lookups, channel: OtpChannel, given: { phone?: string; email?: string }): OtpDestination {
  if (channel === 'sms') {
    if (!given.phone) throw new ValidationProblem('phone', 'phone is required for the sms channel');
    const phone = lookups.parsePhone(given.phone);
    return { channel, address: phone.e164, phoneType: phone.type };
  }
  if (!given.email) throw new ValidationProblem('email', 'email is required for the email channel');
  return { channel, address: lookups.normalizeEmail(given.email) };
}
