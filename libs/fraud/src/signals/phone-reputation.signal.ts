import { anyOf, ramp, roundRisk, SignalResult } from './signal';

/** libphonenumber's number types (libphonenumber-js/max), plus NONE for an account with no phone. */
export type PhoneType =
  | 'MOBILE'
  | 'FIXED_LINE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'VOIP'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOICEMAIL'
  | 'UNKNOWN'
  | 'NONE';

/**
 * How much a number's type alone says: VOIP and virtual numbers are bought by the thousand for
 * OTP farms; toll-free and premium numbers cannot receive an SMS from a real person's handset.
 */
export const PHONE_TYPE_RISK: Record<PhoneType, number> = {
  MOBILE: 0,
  FIXED_LINE_OR_MOBILE: 0.1,
  FIXED_LINE: 0.3,
  NONE: 0.2,
  UNKNOWN: 0.4,
  PERSONAL_NUMBER: 0.6,
  SHARED_COST: 0.6,
  UAN: 0.6,
  PAGER: 0.7,
  VOICEMAIL: 0.7,
  VOIP: 0.8,
  TOLL_FREE: 0.9,
  PREMIUM_RATE: 1,
};

export interface PhoneReputationInput {
  type: PhoneType;
  /** Accounts of the tenant whose numbers share this one's prefix (all but the last 3 digits): a SIM farm's numbers run in sequence. */
  accountsOnPrefix: number;
  /** Hours since the number was verified; null when it never was. */
  verifiedHoursAgo: number | null;
}

export function scorePhoneReputation(input: PhoneReputationInput): SignalResult {
  const byType = PHONE_TYPE_RISK[input.type];
  const byPrefix = ramp(input.accountsOnPrefix, 3, 10);
  // A number verified minutes ago (or never) has no history behind it.
  const byAge = input.verifiedHoursAgo === null ? 0.15 : input.verifiedHoursAgo < 1 ? 0.3 : input.verifiedHoursAgo < 24 ? 0.1 : 0;
  const risk = roundRisk(input.type === 'NONE' ? byType : anyOf(byType, byPrefix, byAge));
  const age = input.verifiedHoursAgo === null ? 'unverified' : `verified ${Math.round(input.verifiedHoursAgo)} h ago`;
  const reason = input.type === 'NONE' ? 'no phone on the account' : `${input.type.toLowerCase()} number, ${age}, ${input.accountsOnPrefix} accounts on its prefix`;
  return { signal: 'phoneReputation', risk, reason, inputs: { ...input } };
}
