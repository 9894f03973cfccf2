import type { Envelope } from '../../domain/pii';
import type { PhoneNumberType, PhoneVerified } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';
import { identityError } from '../../identity.errors';

export interface VerifiedPhone {
  otpId: string | null;
  phone: Envelope;
  phoneHash: string;
  numberType: PhoneNumberType;
  countryCode: string;
  now: Date;
}

/** Re-verifying the same number appends nothing. */
export function decidePhoneVerified(state: UserState, phone: VerifiedPhone): PhoneVerified[] {
  if (state.status !== 'active') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
  if (state.phoneVerified && state.phoneHash === phone.phoneHash) return [];
  const { now, ...data } = phone;
  return [{ type: 'PhoneVerified', data: { ...data, verifiedAt: now.toISOString() } }];
}
