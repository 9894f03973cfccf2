import { Injectable, Optional } from '@nestjs/common';
import { ErrorTracker, trackExternalCall } from '@tally/platform';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentProvider } from './payment-provider.port';
import { PaystackProvider } from './paystack/paystack.provider';
import { SandboxProvider } from './sandbox/sandbox.provider';
import { StripeProvider } from './stripe/stripe.provider';

/** The adapters by name; each call to a provider that fails is an external_service error event (stripe-failed …). */
@Injectable()
export class PaymentProviders {
  private readonly byName: Record<PaymentProviderName, PaymentProvider>;

  constructor(stripe: StripeProvider, paystack: PaystackProvider, sandbox: SandboxProvider, @Optional() errors?: ErrorTracker) {
    this.byName = { stripe: tracked(stripe, errors), paystack: tracked(paystack, errors), sandbox: tracked(sandbox, errors) };
  }

  get(name: PaymentProviderName): PaymentProvider {
    return this.byName[name];
  }
}

function tracked(provider: PaymentProvider, errors: ErrorTracker | undefined): PaymentProvider {
  if (!errors) return provider;
  const service = provider.name;
  return {
    name: provider.name,
    createPayment: (request, credentials) => trackExternalCall(errors, service, { operation: 'createPayment' }, () => provider.createPayment(request, credentials)),
    refund: (request, credentials) => trackExternalCall(errors, service, { operation: 'refund' }, () => provider.refund(request, credentials)),
    listRecentPayments: (since, credentials) => trackExternalCall(errors, service, { operation: 'listRecentPayments' }, () => provider.listRecentPayments(since, credentials)),
    // Checked locally (a bad signature is the sender's problem, answered 400), not a call out.
    verifyWebhook: (rawBody, headers, secrets, now) => provider.verifyWebhook(rawBody, headers, secrets, now),
  };
}
