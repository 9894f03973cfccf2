import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SandboxBilling } from '../../providers/sandbox/sandbox-billing';
import { sandboxEventId } from '../../providers/sandbox/sandbox-webhooks';
import { BillSandboxRenewalCommand, BillSandboxRenewalResult } from './bill-sandbox-renewal.command';
import { decideSandboxRenewal } from './bill-sandbox-renewal.decide';

const STAFF = ['organizer', 'platform_admin'];

/** Decides the attempt on the sandbox's books and has the sandbox deliver what Stripe would send; Tally's side moves only through the billing webhook route. */
@CommandHandler(BillSandboxRenewalCommand)
export class BillSandboxRenewalHandler implements ICommandHandler<BillSandboxRenewalCommand, BillSandboxRenewalResult> {
  constructor(private readonly billing: SandboxBilling) {}

  async execute({ input, metadata }: BillSandboxRenewalCommand): Promise<BillSandboxRenewalResult> {
    const staff = input.actor.roles.some((role) => STAFF.includes(role));
    const { subscription, events, deliveries } = await this.billing.apply(metadata.tenantId, input.subscriptionId, (current, now) =>
      decideSandboxRenewal(current, { actorId: input.actor.userId, staff, outcome: input.outcome, now, nextEventId: sandboxEventId }),
    );
    const invoiceEvent = events.find((event) => event.type.startsWith('invoice.'));
    if (!invoiceEvent) throw new Error(`The sandbox attempted no invoice of ${input.subscriptionId}`);
    return {
      subscriptionId: subscription.id,
      sandbox: true,
      outcome: input.outcome,
      status: subscription.status,
      currentPeriodEnd: new Date(subscription.currentPeriodEndMs).toISOString(),
      invoice: invoiceOf(invoiceEvent.data.object),
      webhooks: deliveries.map((delivery) => {
        const ack = delivery.body as { outcome?: string; duplicate?: boolean } | null;
        return { eventId: delivery.eventId, eventType: delivery.eventType, outcome: ack?.outcome ?? 'unknown', duplicate: ack?.duplicate === true };
      }),
    };
  }
}

/** The invoice as it was sent (Stripe's object: seconds, lower-case currency). */
function invoiceOf(object: Record<string, unknown>): BillSandboxRenewalResult['invoice'] {
  const at = (value: unknown): string => new Date(Number(value) * 1000).toISOString();
  return {
    invoiceId: String(object.id),
    amountDue: Number(object.amount_due),
    currency: String(object.currency).toUpperCase(),
    attemptCount: Number(object.attempt_count),
    paid: object.status === 'paid',
    periodStart: at(object.period_start),
    periodEnd: at(object.period_end),
  };
}
