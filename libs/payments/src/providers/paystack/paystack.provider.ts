import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
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
  textOf,
  VerifiedWebhook,
} from '../payment-provider.port';
import { translatePaystackEvent } from './paystack-events';
import { PaymentsError } from '../../payments.errors';

interface PaystackEnvelope<T> {
  status: boolean;
  message: string;
  data: T;
  meta?: { page?: number; pageCount?: number };
}

/**
 * Paystack over its REST API (no official Node SDK): card and mobile money. Our payment id is
 * the transaction reference, which Paystack keeps unique, so a retried initialisation cannot
 * create a second transaction.
 */
@Injectable()
export class PaystackProvider implements PaymentProvider {
  readonly name = 'paystack' as const;

  constructor(@Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig) {}

  async createPayment(request: CreatePaymentRequest, credentials: ProviderCredentials): Promise<CreatedPayment> {
    const body = {
      email: request.email,
      amount: request.amount.amount,
      currency: request.amount.currency,
      reference: request.reference.paymentId,
      metadata: metadataOf(request.reference),
    };
    const response = await this.request<{ authorization_url: string; access_code: string; reference: string }>(
      'POST',
      '/transaction/initialize',
      credentials.secretKey,
      body,
      request.idempotencyKey,
    );
    return { providerPaymentId: response.data.reference, clientSecret: response.data.access_code, checkoutUrl: response.data.authorization_url };
  }

  async refund(request: CreateRefundRequest, credentials: ProviderCredentials): Promise<CreatedRefund> {
    const response = await this.request<{ id: number | string; status: string }>(
      'POST',
      '/refund',
      credentials.secretKey,
      { transaction: request.providerPaymentId, amount: request.amount.amount, currency: request.amount.currency, merchant_note: request.reason.slice(0, 450) },
      request.idempotencyKey,
    );
    const status = response.data.status === 'processed' ? 'succeeded' : response.data.status === 'failed' ? 'failed' : 'pending';
    return { providerRefundId: String(response.data.id), status };
  }

  async listRecentPayments(since: Date, credentials: ProviderCredentials): Promise<ProviderPaymentSnapshot[]> {
    const snapshots: ProviderPaymentSnapshot[] = [];
    for (let page = 1; page <= 100; page++) {
      const query = `?from=${encodeURIComponent(since.toISOString())}&perPage=100&page=${page}`;
      const response = await this.request<Record<string, unknown>[]>('GET', `/transaction${query}`, credentials.secretKey);
      for (const transaction of response.data) {
        const reference = String(transaction.reference);
        const amount = money(Number(transaction.amount), String(transaction.currency).toUpperCase());
        const fact =
          transaction.status === 'success'
            ? ({ kind: 'payment_succeeded', providerPaymentId: reference, amount, paymentMethod: typeof transaction.channel === 'string' ? transaction.channel : null } as const)
            : transaction.status === 'failed' || transaction.status === 'abandoned'
              ? ({ kind: 'payment_failed', providerPaymentId: reference, reason: String(transaction.status) } as const)
              : null;
        snapshots.push({ providerPaymentId: reference, reference: referenceFromMetadata(transaction.metadata as Record<string, unknown> | undefined), fact, amount });
      }
      if (response.data.length < 100 || (response.meta?.pageCount !== undefined && page >= response.meta.pageCount)) break;
    }
    return snapshots;
  }

  /**
   * `x-paystack-signature` is the hex HMAC-SHA512 of the raw body under the secret key. Paystack
   * signs no timestamp and sends no event id, so replays are caught by deduplication alone, on
   * the event name plus the object's id (or the body's hash).
   */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secrets: readonly Secret[]): VerifiedWebhook {
    const signature = headers['x-paystack-signature'];
    if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/i.test(signature)) throw invalidSignature('The x-paystack-signature header is missing or malformed');
    const given = Buffer.from(signature.toLowerCase(), 'hex');
    const matches = secrets.some((secret) => timingSafeEqual(createHmac('sha512', secret.reveal()).update(rawBody).digest(), given));
    if (!matches) throw invalidSignature('No secret key matched');
    let parsed: { event?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(rawBody.toString('utf8')) as { event?: unknown; data?: unknown };
    } catch {
      throw invalidSignature('The body is not JSON');
    }
    const event = typeof parsed.event === 'string' ? parsed.event : 'unknown';
    const data = parsed.data && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>) : {};
    const translation = translatePaystackEvent(event, data);
    const objectId = data.id !== undefined && data.id !== null ? textOf(data.id) : createHash('sha256').update(rawBody).digest('hex');
    const fact = translation.fact;
    return {
      provider: this.name,
      eventId: `${event}:${objectId}`,
      eventType: event,
      reference: translation.reference,
      providerPaymentId: translation.providerPaymentId,
      fact,
      recovery: fact?.kind === 'payment_succeeded' ? { provider: this.name, providerPaymentId: fact.providerPaymentId, amount: fact.amount } : null,
      payload: parsed,
    };
  }

  private async request<T>(method: 'GET' | 'POST', path: string, secretKey: Secret, body?: unknown, idempotencyKey?: string): Promise<PaystackEnvelope<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${secretKey.reveal()}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.config.paystack.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
    } catch (error) {
      throw new PaymentsError('PAYMENTS.PROVIDER_ERROR', `Paystack could not be reached: ${error instanceof Error ? error.name : 'error'}`, { provider: 'paystack', providerStatus: null });
    }
    const text = await response.text();
    let envelope: PaystackEnvelope<T> | null = null;
    try {
      envelope = JSON.parse(text) as PaystackEnvelope<T>;
    } catch {
      envelope = null;
    }
    if (!response.ok || !envelope?.status) {
      throw new PaymentsError('PAYMENTS.PROVIDER_ERROR', `Paystack refused the request: ${envelope?.message ?? `HTTP ${response.status}`}`, { provider: 'paystack', providerStatus: response.status });
    }
    return envelope;
  }
}

function invalidSignature(reason: string): PaymentsError {
  return new PaymentsError('PAYMENTS.INVALID_SIGNATURE', `Webhook signature rejected: ${reason}`, { provider: 'paystack' });
}
