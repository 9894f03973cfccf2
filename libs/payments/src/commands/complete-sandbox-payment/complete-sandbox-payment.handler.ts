import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, isUuid } from '@tally/platform';
import { paymentDecider, paymentStream } from '../../domain/payment.state';
import { sandboxEventId, SandboxWebhooks } from '../../providers/sandbox/sandbox-webhooks';
import { CompleteSandboxPaymentCommand, CompleteSandboxPaymentResult } from './complete-sandbox-payment.command';
import { decideSandboxCompletion } from './complete-sandbox-payment.decide';
import { PaymentsError } from '../../payments.errors';

/**
 * Plays the card network for a sandbox payment: decides the event the attempt produces, then
 * has the sandbox sign and deliver it to the webhook route. Nothing is appended here; the
 * payment moves only when the inbox accepts the delivery, as with a real provider.
 */
@CommandHandler(CompleteSandboxPaymentCommand)
export class CompleteSandboxPaymentHandler implements ICommandHandler<CompleteSandboxPaymentCommand, CompleteSandboxPaymentResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly webhooks: SandboxWebhooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: CompleteSandboxPaymentCommand): Promise<CompleteSandboxPaymentResult> {
    if (!isUuid(input.paymentId)) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', 'Payment not found', { paymentId: input.paymentId });
    const streamId = paymentStream(metadata.tenantId, input.paymentId);
    const { state } = await this.runner.load(paymentDecider, streamId);
    const event = decideSandboxCompletion(state, { tenantId: metadata.tenantId, paymentId: input.paymentId, actorId: metadata.actorId ?? '', outcome: input.outcome, card: input.card, eventId: sandboxEventId(), now: this.clock.now() });
    const delivery = await this.webhooks.deliver(event);
    const ack = delivery.body as { outcome?: string; duplicate?: boolean; detail?: string } | null;
    if (delivery.statusCode !== 200) {
      throw new PaymentsError('PAYMENTS.SANDBOX_DELIVERY_REFUSED', `The webhook route answered ${delivery.statusCode}: ${ack?.detail ?? 'no detail'}`, { paymentId: input.paymentId, eventId: event.id });
    }
    const after = await this.runner.load(paymentDecider, streamId);
    return {
      paymentId: input.paymentId,
      provider: 'sandbox',
      sandbox: true,
      outcome: input.outcome,
      status: after.state.status,
      webhook: { eventId: event.id, eventType: event.type, outcome: ack?.outcome ?? 'unknown', duplicate: ack?.duplicate === true },
    };
  }
}
