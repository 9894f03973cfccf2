import { PhoneVerificationLookup } from '@tally/platform';

/**
 * Whether a voter's phone is verified, asked only for events with `requireVerifiedPhone`.
 * The access token does not say it; identity owns the answer (PHONE_VERIFICATION). Without
 * identity in the application (the voting-only test context), only a token claim counts, so such
 * events refuse votes rather than let unverified voters through.
 */
export interface VoterVerification {
  isPhoneVerified(tenantId: string, userId: string, claimed: boolean | undefined): boolean | Promise<boolean>;
}

export const VOTER_VERIFICATION = Symbol('VoterVerification');

/** Identity's answer (PHONE_VERIFICATION), used whenever identity is part of the application. */
export class IdentityPhoneVerification implements VoterVerification {
  constructor(private readonly lookup: PhoneVerificationLookup) {}

  isPhoneVerified(tenantId: string, userId: string, claimed: boolean | undefined): boolean | Promise<boolean> {
    return claimed === true || this.lookup.isPhoneVerified(tenantId, userId);
  }
}

export class TokenClaimVerification implements VoterVerification {
  isPhoneVerified(_tenantId: string, _userId: string, claimed: boolean | undefined): boolean {
    return claimed === true;
  }
}
