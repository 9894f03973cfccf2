import { Injectable } from '@nestjs/common';
import { ProviderName } from '../domain/payment.events';
import { PaymentProvider } from './payment-provider.port';
import { PaystackProvider } from './paystack/paystack.provider';
import { StripeProvider } from './stripe/stripe.provider';

/** The adapters by name. */
@Injectable()
export class PaymentProviders {
  private readonly byName: Record<ProviderName, PaymentProvider>;

  constructor(stripe: StripeProvider, paystack: PaystackProvider) {
    this.byName = { stripe, paystack };
  }

  get(name: ProviderName): PaymentProvider {
    return this.byName[name];
  }
}
