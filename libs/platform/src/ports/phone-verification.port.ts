/**
 * Whether a user has verified a phone number. Identity owns the answer and provides it; other
 * contexts (voting's `requireVerifiedPhone`) ask through this token instead of importing
 * identity, which keeps the contexts free of cycles.
 */
export interface PhoneVerificationLookup {
  isPhoneVerified(tenantId: string, userId: string): Promise<boolean>;
}

export const PHONE_VERIFICATION = Symbol('PhoneVerification');
