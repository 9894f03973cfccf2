import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { money } from '../../domain/money';
import { PAYMENTS_CONFIG, PaymentsConfig, Secret } from '../../payments.config';
import {
  CreatedPayment,
  CreatedRefund,
  CreatePaymentRequest,
  CreateRefundRequest,
  metadataOf,
  PaymentProvider,
  ProviderCredentials,
  ProviderPaymentSnapshot,
  referenceFromMetadata,
  VerifiedWebhook,
} from '../payment-provider.port';
import { cardFingerprintOf, verifiedStripeWebhook } from './stripe-events';
import { stripeSdk } from './stripe-sdk';
import { constructSignedStripeEvent, StripeSignatureRefused } from './stripe-signature';
import { PaymentsError } from '../../payments.errors';

/** Stripe through its official SDK: PaymentIntents for vote packs, refunds, signed webhooks. */
@Injectable()
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly clients = new Map<string, Stripe>();

  constructor(@Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig) {}

  async createPayment(request: CreatePaymentRequest, credentials: ProviderCredentials): Promise<CreatedPayment> {
    const intent = await this.call(() =>
      this.client(credentials.secretKey).paymentIntents.create(
        {
          amount: request.amount.amount,
          currency: request.amount.currency.toLowerCase(),
          description: request.description,
          metadata: metadataOf(request.reference),
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { providerPaymentId: intent.id, clientSecret: intent.client_secret, checkoutUrl: null };
  }

  async refund(request: CreateRefundRequest, credentials: ProviderCredentials): Promise<CreatedRefund> {
    const refund = await this.call(() =>
      this.client(credentials.secretKey).refunds.create(
        {
          payment_intent: request.providerPaymentId,
          amount: request.amount.amount,
          reason: 'requested_by_customer',
          metadata: { tally_tenant_id: request.tenantId, tally_payment_id: request.paymentId, tally_refund_id: request.refundId, tally_reason: request.reason.slice(0, 450) },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { providerRefundId: refund.id, status };
  }

  async listRecentPayments(since: Date, credentials: ProviderCredentials): Promise<ProviderPaymentSnapshot[]> {
    const snapshots: ProviderPaymentSnapshot[] = [];
    const created = { gte: Math.floor(since.getTime() / 1000) };
    await this.call(() =>
      this.client(credentials.secretKey)
        .paymentIntents.list({ created, limit: 100 })
        .autoPagingEach((intent) => {
          const amount = money(intent.amount_received || intent.amount, intent.currency.toUpperCase());
          const fact =
            intent.status === 'succeeded'
              ? ({ kind: 'payment_succeeded', providerPaymentId: intent.id, amount, paymentMethod: intent.payment_method_types[0] ?? null, cardFingerprint: cardFingerprintOf(intent) } as const)
              : intent.status === 'canceled'
                ? ({ kind: 'payment_failed', providerPaymentId: intent.id, reason: 'canceled' } as const)
                : null;
          snapshots.push({ providerPaymentId: intent.id, reference: referenceFromMetadata(intent.metadata), fact, amount });
          return snapshots.length < 10_000;
        }),
    );
    return snapshots;
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secrets: readonly Secret[], now: Date): VerifiedWebhook {
    const signature = headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') throw invalidSignature('The Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = constructSignedStripeEvent(rawBody, signature, secrets, this.config.stripe.webhookToleranceSeconds, now);
    } catch (error) {
      if (error instanceof StripeSignatureRefused) throw invalidSignature(error.message);
      throw error;
    }
    return verifiedStripeWebhook(this.name, event);
  }

  private client(secretKey: Secret): Stripe {
    const key = secretKey.reveal();
    let client = this.clients.get(key);
    if (!client) {
      const api = this.config.stripe.api;
      const Sdk = stripeSdk();
      client = new Sdk(key, {
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        ...(api ? { host: api.host, port: api.port, protocol: api.protocol } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** SDK failures become a 502 problem that names Stripe's error type, never the key. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof stripeSdk().errors.StripeError) {
        throw new PaymentsError('PAYMENTS.PROVIDER_ERROR', `Stripe refused the request: ${error.type}${error.code ? ` (${error.code})` : ''}`, {
          provider: 'stripe',
          providerStatus: error.statusCode ?? null,
        });
      }
      throw error;
    }
  }
}

function invalidSignature(reason: string): PaymentsError {
  return new PaymentsError('PAYMENTS.INVALID_SIGNATURE', `Webhook signature rejected: ${reason}`, { provider: 'stripe' });
}
