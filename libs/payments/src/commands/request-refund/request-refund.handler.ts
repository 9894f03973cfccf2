import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { CLOCK, Clock, deterministicUuid, isUuid, uuidv7 } from '@tally/platform';
import { paymentDecider, paymentStream } from '../../domain/payment.state';
import { PaymentProviders } from '../../providers/payment-providers';
import { TENANT_PAYMENT_SETTINGS, TenantPaymentSettings } from '../../settings/tenant-payment-settings.port';
import { RequestRefundCommand, RequestRefundResult } from './request-refund.command';
import { decideRequestRefund } from './request-refund.decide';
import { keysOfPaymentAccount } from './payment-account-keys';
import { PaymentsError } from '../../payments.errors';
import { PAYMENT_IDS } from '../../domain/payment-ids';

/**
 * An organizer's refund: checked against the payment first, sent to the provider with an
 * idempotency key and the keys of the account the payment was made with (refused when they are
 * gone), then recorded as RefundRequested. The refund completes (and credits are
 * revoked) when the provider confirms it, by webhook or reconciliation.
 */
@CommandHandler(RequestRefundCommand)
export class RequestRefundHandler implements ICommandHandler<RequestRefundCommand, RequestRefundResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly providers: PaymentProviders,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RequestRefundCommand): Promise<RequestRefundResult> {
    if (!isUuid(input.paymentId)) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', 'Payment not found', { paymentId: input.paymentId });
    const now = this.clock.now();
    const streamId = paymentStream(metadata.tenantId, input.paymentId);
    const refundId = input.idempotencyKey ? deterministicUuid(PAYMENT_IDS, 'refund-request', metadata.tenantId, input.paymentId, input.idempotencyKey) : uuidv7();
    const base = { paymentId: input.paymentId, refundId, amount: input.amount, reason: input.reason, requestedBy: metadata.actorId, now };
    const { state } = await this.runner.load(paymentDecider, streamId);
    if (decideRequestRefund(state, { ...base, providerRefundId: null }).length === 0) {
      return { refundId, status: 'pending' };
    }
    const refundable = decideRequestRefund(state, { ...base, providerRefundId: null })[0].data.amount;
    const credentials = await keysOfPaymentAccount(this.settings, metadata.tenantId, state);
    const created = await this.providers.get(state.provider!).refund(
      { tenantId: metadata.tenantId, paymentId: input.paymentId, refundId, providerPaymentId: state.providerPaymentId!, amount: refundable, reason: input.reason, idempotencyKey: `tally-refund-${refundId}` },
      credentials,
    );
    await this.runner.run({ decider: paymentDecider, streamId, decide: (current) => decideRequestRefund(current, { ...base, amount: refundable.amount, providerRefundId: created.providerRefundId }) }, metadata);
    return { refundId, status: created.status === 'failed' ? 'failed' : 'pending' };
  }
}
