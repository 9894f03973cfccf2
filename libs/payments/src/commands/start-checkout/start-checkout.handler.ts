import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { CLOCK, Clock, deterministicUuid, uuidv7 } from '@tally/platform';
import { paymentDecider, paymentStream } from '../../domain/payment.state';
import { quoteVotes } from '../../domain/pricing';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../../payments.config';
import { PaymentProviders } from '../../providers/payment-providers';
import { PricingStore } from '../../settings/pricing.store';
import { TENANT_PAYMENT_SETTINGS, TenantPaymentSettings } from '../../settings/tenant-payment-settings.port';
import { StartCheckoutCommand, StartCheckoutResult } from './start-checkout.command';
import { EventSales } from './event-sales';
import { assertSameCheckout, decideStartPayment } from './start-checkout.decide';
import { PaymentsError } from '../../payments.errors';
import { PAYMENT_IDS } from '../../domain/payment-ids';

/**
 * Prices the votes, asks the provider for a payment (idempotency key and our ids in its
 * metadata), then records PaymentStarted. The provider call comes first so the event carries
 * the provider's id; a crash in between is repaired by retrying with the same key (the
 * provider returns the same payment) or, failing that, by the webhook rebuilding the payment
 * from its metadata.
 */
@CommandHandler(StartCheckoutCommand)
export class StartCheckoutHandler implements ICommandHandler<StartCheckoutCommand, StartCheckoutResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pricing: PricingStore,
    private readonly events: EventSales,
    private readonly providers: PaymentProviders,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: StartCheckoutCommand): Promise<StartCheckoutResult> {
    const tenantId = metadata.tenantId;
    const now = this.clock.now();
    const profile = await this.settings.forTenant(tenantId);
    const provider = input.provider ?? profile.defaultProvider;
    const credentials = provider ? profile.credentials[provider] : undefined;
    if (!provider || !credentials) throw new PaymentsError('PAYMENTS.PROVIDER_NOT_CONFIGURED', `No ${input.provider ?? 'payment'} provider is configured for this tenant`, { provider: input.provider });
    const requestHash = hashOf({ voter: input.voterId, contest: input.contestId, votes: input.votes, currency: input.currency, provider, country: input.country });
    const paymentId = input.idempotencyKey ? deterministicUuid(PAYMENT_IDS, 'checkout', tenantId, input.voterId, input.idempotencyKey) : uuidv7();
    const streamId = paymentStream(tenantId, paymentId);
    const existing = await this.runner.load(paymentDecider, streamId);
    assertSameCheckout(existing.state, paymentId, requestHash);
    // A retry of a checkout already recorded gets its payment back even if the event closed since.
    const contestId = input.contestId === null || existing.state.exists ? input.contestId : await this.events.sellingEvent(tenantId, input.contestId, now);
    const [priceList, taxRules, rates] = await Promise.all([this.pricing.priceList(tenantId, contestId), this.pricing.taxRules(tenantId), this.pricing.rates(tenantId, input.currency)]);
    const quote = quoteVotes({ votes: input.votes, currency: input.currency, priceList, taxRules, country: input.country, rates, now, maxRateAgeMs: this.config.fxMaxAgeMs });

    const created = await this.providers.get(provider).createPayment(
      {
        reference: { tenantId, paymentId, voterId: input.voterId, contestId, votes: quote.votes },
        amount: quote.gross,
        idempotencyKey: `tally-checkout-${paymentId}`,
        description: `${quote.votes} vote${quote.votes === 1 ? '' : 's'}`,
        email: input.email ?? `${input.voterId}@voters.tally.invalid`,
      },
      credentials,
    );
    const outcome = await this.runner.run(
      { decider: paymentDecider, streamId, decide: (state) => decideStartPayment(state, { paymentId, voterId: input.voterId, contestId, provider, account: credentials.account, providerPaymentId: created.providerPaymentId, quote, requestHash, now }) },
      metadata,
    );
    return { paymentId, provider, clientSecret: created.clientSecret, checkoutUrl: created.checkoutUrl, amount: outcome.state.amount ?? quote.gross, net: quote.net, tax: quote.tax, votes: quote.votes, replayed: outcome.events.length === 0 };
  }
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
