import { createHash } from 'node:crypto';

/**
 * The provider account a payment was made with: the platform's keys, or the tenant's own
 * account, told apart by a fingerprint of its secret key (not the key, and useless to an
 * attacker), so a tenant switching to another account is noticed. Refunds and reconciliation
 * of the payment use that account's keys, or none.
 */
export type PaymentAccount = { owner: 'platform' } | { owner: 'tenant'; keyFingerprint: string };

export const PLATFORM_ACCOUNT: PaymentAccount = { owner: 'platform' };

/** The first 8 hex digits of the key's SHA-256: enough to tell a tenant's keys apart, nothing to recover the key from. */
export function keyFingerprint(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex').slice(0, 8);
}

export function sameAccount(a: PaymentAccount, b: PaymentAccount): boolean {
  if (a.owner === 'platform' || b.owner === 'platform') return a.owner === b.owner;
  return a.keyFingerprint === b.keyFingerprint;
}

/** "the platform's account" / "the tenant's own account (key 1a2b3c4d)", for messages. */
export function describeAccount(account: PaymentAccount): string {
  return account.owner === 'platform' ? "the platform's account" : `the tenant's own account (key ${account.keyFingerprint})`;
}
