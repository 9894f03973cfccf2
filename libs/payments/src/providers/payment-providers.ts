import { Injectable } from '@nestjs/common';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentProvider } from './payment-provider.port';
import { PaystackProvider } from './paystack/paystack.provider';
import { SandboxProvider } from './sandbox/sandbox.provider';
import { StripeProvider } from './stripe/stripe.provider';

/** The adapters by name. */
@Injectable()
export class PaymentProviders {
  private readonly byName: Record<PaymentProviderName, PaymentProvider>;

  constructor(stripe: StripeProvider, paystack: PaystackProvider, sandbox: SandboxProvider) {
    this.byName = { stripe, paystack, sandbox };
  }

  get(name: PaymentProviderName): PaymentProvider {
    return this.byName[name];
  }
}
