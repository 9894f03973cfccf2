import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { PAYMENTS_CONFIG, PaymentsConfig, Secret } from '../../payments.config';
import {
  CreatedPayment,
  CreatedRefund,
  CreatePaymentRequest,
  CreateRefundRequest,
  PaymentProvider,
  ProviderCredentials,
  ProviderPaymentSnapshot,
  VerifiedWebhook,
  WEBHOOK_SIGNATURE_HEADERS,
} from '../payment-provider.port';
import { verifiedStripeWebhook } from '../stripe/stripe-events';
import { constructSignedStripeEvent, StripeSignatureRefused } from '../stripe/stripe-signature';
import { SandboxWebhooks } from './sandbox-webhooks';
import { PaymentsError } from '../../payments.errors';

/** Where a client completes a sandbox payment (the sandbox's "hosted checkout"). */
export const sandboxCheckoutPath = (paymentId: string): string => `/api/payments/sandbox/${paymentId}/complete`;

/**
 * The local payment sandbox, Stripe's test mode played in-process: a checkout gets a
 * PaymentIntent-like id and client secret; completing it (the sandbox controller, with a test
 * card) sends a Stripe-shaped event signed with the sandbox secret to the sandbox webhook route,
 * which verifies it with Stripe's own check and records it in the inbox like any delivery.
 * Credits, refunds and the payment's states are therefore exactly a Stripe payment's.
 */
@Injectable()
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  constructor(
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    private readonly webhooks: SandboxWebhooks,
  ) {}

  /** Ids derive from the idempotency key, so a retried checkout gets the same intent back, as from Stripe. */
  createPayment(request: CreatePaymentRequest, credentials: ProviderCredentials): Promise<CreatedPayment> {
    const id = `pi_sandbox_${digest(request.idempotencyKey)}`;
    const clientSecret = `${id}_secret_${createHmac('sha256', credentials.secretKey.reveal()).update(id).digest('hex').slice(0, 24)}`;
    return Promise.resolve({ providerPaymentId: id, clientSecret, checkoutUrl: sandboxCheckoutPath(request.reference.paymentId) });
  }

  /** Accepted at once and confirmed by a `charge.refunded` delivery once Tally has recorded the request. */
  refund(request: CreateRefundRequest): Promise<CreatedRefund> {
    const providerRefundId = `re_sandbox_${digest(request.idempotencyKey)}`;
    this.webhooks.confirmRefundLater(request.tenantId, request.paymentId, providerRefundId);
    return Promise.resolve({ providerRefundId, status: 'pending' });
  }

  /**
   * Nothing to list: the sandbox's only books are Tally's own payment streams, and it delivers
   * each webhook as it acts, so reconciling it would compare Tally with itself.
   */
  listRecentPayments(): Promise<ProviderPaymentSnapshot[]> {
    return Promise.resolve([]);
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secrets: readonly Secret[], now: Date): VerifiedWebhook {
    const signature = headers[WEBHOOK_SIGNATURE_HEADERS.sandbox];
    if (typeof signature !== 'string' || signature === '') throw invalidSignature('The Tally-Sandbox-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = constructSignedStripeEvent(rawBody, signature, secrets, this.config.stripe.webhookToleranceSeconds, now);
    } catch (error) {
      if (error instanceof StripeSignatureRefused) throw invalidSignature(error.message);
      throw error;
    }
    return verifiedStripeWebhook(this.name, event);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

function invalidSignature(reason: string): PaymentsError {
  return new PaymentsError('PAYMENTS.INVALID_SIGNATURE', `Webhook signature rejected: ${reason}`, { provider: 'sandbox' });
}
