import { CommandBus } from '@nestjs/cqrs';
import { metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import type { PaymentEvent } from '@tally/payments';
import { OpenDisputeCommand } from '../commands/open-dispute/open-dispute.command';
import { ResolveDisputeCommand } from '../commands/resolve-dispute/resolve-dispute.command';
import { providerCaseId } from '../domain/dispute.streams';
import { DisputesError } from '../disputes.errors';

/**
 * A payment provider's dispute (Stripe `charge.dispute.*`, recorded by payments as DisputeOpened
 * and DisputeClosed) becomes a case opened by the system, and the provider's verdict resolves it:
 * lost → upheld, won → rejected. The money and the credit hold are payments' business (its
 * credits reactor), so the case's effect is `none`. The case id comes from the provider's
 * dispute id: a redelivered event opens nothing twice, and a case staff already closed stays so.
 */
@RegisteredReactor()
export class ProviderDisputeReactor implements Reactor {
  readonly name = 'disputes.provider-disputes';
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: ['DisputeOpened', 'DisputeClosed'] };

  constructor(private readonly commands: CommandBus) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as PaymentEvent;
    const metadata = metadataCausedBy(recorded);
    if (event.type === 'DisputeOpened') {
      const { paymentId, voterId, disputeId, reason } = event.data;
      const caseId = providerCaseId(metadata.tenantId, disputeId);
      await this.commands.execute(
        new OpenDisputeCommand({ caseId, kind: 'payment', paymentId, voteId: null, userId: voterId, reason: `provider:${reason}`, openedBy: 'provider', providerDisputeId: disputeId }, metadata),
      );
    } else if (event.type === 'DisputeClosed') {
      const caseId = providerCaseId(metadata.tenantId, event.data.disputeId);
      const resolution = event.data.outcome === 'lost' ? 'upheld' : 'rejected';
      try {
        await this.commands.execute(new ResolveDisputeCommand({ caseId, resolution, effect: { type: 'none' } }, metadata));
      } catch (error) {
        if (error instanceof DisputesError && (error.code === 'DISPUTES.CASE_CLOSED' || error.code === 'DISPUTES.CASE_NOT_FOUND')) return;
        throw error;
      }
    }
  }
}
