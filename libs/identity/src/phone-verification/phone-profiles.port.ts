import type { PhoneNumberType } from '../domain/user.events';

/** What fraud scoring may know of a user's phone: the number itself stays in identity's sealed envelopes otherwise. */
export interface PhoneProfile {
  /** E.164, or null when the user has no phone (or was erased). */
  e164: string | null;
  /** libphonenumber's type, as identity classified it when the number was verified. */
  type: PhoneNumberType | null;
  /** When it was verified; null when it never was. */
  verifiedAt: string | null;
}

/** Asked by the fraud context (through @tally/identity) for phone reputation; answers from the user's stream. */
export interface PhoneProfiles {
  phoneProfile(tenantId: string, userId: string): Promise<PhoneProfile>;
}

export const PHONE_PROFILES = Symbol('PhoneProfiles');
