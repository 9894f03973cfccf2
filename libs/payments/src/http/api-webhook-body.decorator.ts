import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader } from '@nestjs/swagger';
import type { PaymentProviderName } from '../domain/payment.events';

/** The signature header each provider (and the local sandbox, which signs like Stripe) sends. */
const SIGNATURE_HEADER: Record<PaymentProviderName, string> = {
  stripe: 'Stripe-Signature',
  paystack: 'x-paystack-signature',
  sandbox: 'Tally-Sandbox-Signature',
};

const STRIPE_EVENT = {
  type: 'object',
  properties: {
    id: { type: 'string', example: 'evt_1OqLx2Eq1AbCdEfGhIjKlMn' },
    type: { type: 'string', example: 'payment_intent.succeeded' },
    data: { type: 'object', properties: { object: { type: 'object', additionalProperties: true } } },
  },
  additionalProperties: true,
} as const;

const PAYSTACK_EVENT = {
  type: 'object',
  properties: {
    event: { type: 'string', example: 'charge.success' },
    data: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
} as const;

/**
 * A provider's webhook body: the provider's own event JSON, checked against the signature header
 * on the raw bytes (so it is documented, never parsed into a DTO).
 */
export function ApiWebhookBody(provider: PaymentProviderName): MethodDecorator {
  return applyDecorators(
    ApiConsumes('application/json'),
    ApiHeader({ name: SIGNATURE_HEADER[provider], required: true, description: 'The signature of the raw body, as the provider computes it.' }),
    ApiBody({ description: `The ${provider} event, exactly as the provider sent it.`, schema: provider === 'paystack' ? { ...PAYSTACK_EVENT } : { ...STRIPE_EVENT } }),
  );
}
