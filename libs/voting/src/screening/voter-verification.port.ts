/**
 * Whether a voter's phone is verified, asked only for events with `requireVerifiedPhone`.
 * The access token does not say it; identity owns the answer. The default answers from the
 * token's actor when it carries `phoneVerified`, and otherwise "not verified", so such events
 * refuse votes rather than let unverified voters through until identity binds its adapter.
 */
export interface VoterVerification {
  isPhoneVerified(tenantId: string, userId: string, claimed: boolean | undefined): boolean | Promise<boolean>;
}

export const VOTER_VERIFICATION = Symbol('VoterVerification');

export class TokenClaimVerification implements VoterVerification {
  isPhoneVerified(_tenantId: string, _userId: string, claimed: boolean | undefined): boolean {
    return claimed === true;
  }
}
