import { Money } from '../domain/money';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentRecovery, ProviderFact } from '../domain/provider-fact';
import { Secret } from '../payments.config';

/** The keys a tenant uses with one provider (its own, or the platform's). */
export interface ProviderCredentials {
  secretKey: Secret;
  /** Stripe signs webhooks with a separate secret; Paystack signs with the secret key. */
  webhookSecret?: Secret;
}

/** Our ids, carried in the provider object's metadata so every webhook leads back to the payment. */
export interface PaymentReference {
  tenantId: string;
  paymentId: string;
  voterId: string;
  contestId: string | null;
  votes: number;
}

export interface CreatePaymentRequest {
  reference: PaymentReference;
  amount: Money;
  idempotencyKey: string;
  description: string;
  /** Paystack needs a customer email. */
  email: string;
}

export interface CreatedPayment {
  providerPaymentId: string;
  clientSecret: string | null;
  checkoutUrl: string | null;
}

export interface CreateRefundRequest {
  tenantId: string;
  paymentId: string;
  refundId: string;
  providerPaymentId: string;
  amount: Money;
  reason: string;
  idempotencyKey: string;
}

export interface CreatedRefund {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'failed';
}

/** The header each provider signs its webhook deliveries in (lower case, as Node reads headers). */
export const WEBHOOK_SIGNATURE_HEADERS: Readonly<Record<PaymentProviderName, string>> = {
  stripe: 'stripe-signature',
  paystack: 'x-paystack-signature',
  // The sandbox signs as Stripe does, under its own name so a sandbox delivery is never taken for Stripe's.
  sandbox: 'tally-sandbox-signature',
};

/** A webhook delivery whose signature checked out, parsed. */
export interface VerifiedWebhook {
  provider: PaymentProviderName;
  /** The provider's id of the event, the deduplication key. */
  eventId: string;
  eventType: string;
  /** The payment as our metadata names it, when the provider object carries it. */
  reference: Partial<PaymentReference> | null;
  providerPaymentId: string | null;
  /** Null for event types Tally records but does not act on. */
  fact: ProviderFact | null;
  recovery: Omit<PaymentRecovery, 'voterId' | 'votes' | 'contestId'> | null;
  payload: unknown;
}

/** One payment as the provider lists it, for reconciliation. */
export interface ProviderPaymentSnapshot {
  providerPaymentId: string;
  reference: Partial<PaymentReference> | null;
  fact: ProviderFact | null;
  amount: Money;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createPayment(request: CreatePaymentRequest, credentials: ProviderCredentials): Promise<CreatedPayment>;
  refund(request: CreateRefundRequest, credentials: ProviderCredentials): Promise<CreatedRefund>;
  /** Payments created since `since` (newest first), for reconciliation. */
  listRecentPayments(since: Date, credentials: ProviderCredentials): Promise<ProviderPaymentSnapshot[]>;
  /**
   * Checks the signature over the raw body (and, where the provider signs it, the timestamp
   * against `now`); throws PAYMENTS.INVALID_SIGNATURE otherwise. Tries each secret in turn.
   */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secrets: readonly Secret[], now: Date): VerifiedWebhook;
}

/** Reads our reference back out of a provider's string metadata. */
export function referenceFromMetadata(metadata: Record<string, unknown> | null | undefined): Partial<PaymentReference> | null {
  if (!metadata) return null;
  const text = (key: string): string | undefined => (typeof metadata[key] === 'string' && metadata[key] !== '' ? (metadata[key]) : undefined);
  const tenantId = text('tally_tenant_id');
  const paymentId = text('tally_payment_id');
  if (!tenantId || !paymentId) return null;
  const votes = Number(text('tally_votes'));
  return {
    tenantId,
    paymentId,
    voterId: text('tally_voter_id'),
    contestId: text('tally_contest_id') ?? null,
    votes: Number.isSafeInteger(votes) && votes > 0 ? votes : undefined,
  };
}

export function metadataOf(reference: PaymentReference): Record<string, string> {
  return {
    tally_tenant_id: reference.tenantId,
    tally_payment_id: reference.paymentId,
    tally_voter_id: reference.voterId,
    tally_contest_id: reference.contestId ?? '',
    tally_votes: String(reference.votes),
  };
}

/** A provider field as text: strings and numbers as they are, anything else the fallback. */
export function textOf(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}
