import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, EVENT_STORE, EventStore, metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor, StreamNotFoundError } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid } from '@tally/platform';
import { CREDIT_OPERATIONS, GrantCreditsCommand, RevokeCreditsCommand, voterStream } from '@tally/voting';
import { CreditHoldCause, FraudWarningReceived, PaymentCompleted, PaymentEvent, PaymentRefunded } from '../domain/payment.events';
import { holdableCredits, paymentDecider } from '../domain/payment.state';
import { creditsReleasedBy, decideCreditsHeld, decideReturnHeld, decideTakeBackHeld } from './credit-holds.decide';
import { PAYMENT_IDS } from '../domain/payment-ids';


type Metadata = ReturnType<typeof metadataCausedBy>;

/** The reactor's name: a payment read waits for it (read-your-writes) before saying its credits are applied. */
export const CREDITS_REACTOR = 'payments.credits';

/** The payment events that move credits on the voter's balance (the reactor's filter). */
export const CREDIT_MOVING_EVENT_TYPES: readonly PaymentEvent['type'][] = ['PaymentCompleted', 'PaymentRefunded', 'DisputeOpened', 'DisputeClosed', 'FraudWarningReceived', 'PaymentHoldReleased'];

/**
 * Turns payment events into credit movements on the voter ledger, as a reactor (its own
 * checkpoint on the projection runner), never inside a webhook request. Every command it sends
 * carries an id derived from the payment event that caused it, so replaying events after a crash
 * (the checkpoint moves after the effects) applies each grant or revocation exactly once.
 *
 * - PaymentCompleted: grant the votes bought (grant id from the payment id).
 * - DisputeOpened, FraudWarningReceived: hold the payment's credits still on the balance (see
 *   credit-holds.decide.ts); the first of them holds, a later one only what is left.
 * - PaymentRefunded (a refund or a lost dispute): take the credits from the hold first, revoke
 *   the rest, voiding the voter's newest paid votes for credits already spent (voting's
 *   compensation). After a lost dispute, what stays held goes back to the voter.
 * - DisputeClosed won: the held credits go back to the voter.
 * - PaymentHoldReleased (an organizer released a warning's hold): those credits go back.
 */
@RegisteredReactor()
export class CreditsReactor implements Reactor {
  readonly name = CREDITS_REACTOR;
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: CREDIT_MOVING_EVENT_TYPES };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as PaymentEvent;
    const metadata = metadataCausedBy(recorded);
    const streamId = recorded.streamId;
    switch (event.type) {
      case 'PaymentCompleted':
        return this.grant(event, metadata);
      case 'PaymentRefunded':
        return this.takeBack(event, streamId, metadata);
      case 'DisputeOpened':
        return this.hold(event.data.paymentId, event.data.voterId, event.data.disputeId, 'dispute', streamId, metadata);
      case 'FraudWarningReceived':
        return this.holdForWarning(event, streamId, metadata);
      case 'DisputeClosed':
        // A lost dispute is settled by the PaymentRefunded that follows it.
        return event.data.outcome === 'won' ? this.giveBack(event.data.paymentId, event.data.voterId, `dispute-won:${event.data.disputeId}`, streamId, metadata) : undefined;
      case 'PaymentHoldReleased':
        return this.grantReleased(event.data.paymentId, event.data.voterId, event.data.releaseId, event.data.credits, metadata);
      // Not subscribed (see FILTER): nothing moves credits.
      case 'PaymentStarted':
      case 'PaymentFailed':
      case 'RefundRequested':
      case 'RefundFailed':
      case 'DisputeCreditsHeld':
      case 'PaymentCreditsHeld':
      case 'PaymentCreditsReleased':
        return undefined;
      default:
        return assertNever(event);
    }
  }

  private async grant(event: PaymentCompleted, metadata: Metadata): Promise<void> {
    const { paymentId, voterId, votes } = event.data;
    if (votes <= 0) return;
    await this.commands.execute(new GrantCreditsCommand({ userId: voterId, credits: votes, grantId: deterministicUuid(CREDIT_OPERATIONS, 'payment', paymentId), source: { kind: 'payment', ref: paymentId } }, metadata));
  }

  /**
   * Held credits are already off the balance: the refund takes those first (recorded on the
   * payment stream before the ledger call, so a replay revokes the same remainder), then
   * revokes the rest, voiding votes for credits already spent.
   */
  private async takeBack(event: PaymentRefunded, streamId: string, metadata: Metadata): Promise<void> {
    const { paymentId, voterId, votesRevoked, refundId, cause } = event.data;
    const releaseId = `refund:${refundId}`;
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: paymentDecider, streamId, decide: (state) => decideTakeBackHeld(state, { paymentId, releaseId, votesRevoked, eventId: eventIdOf('credits-released', paymentId, releaseId), now }) },
      metadata,
    );
    const rest = votesRevoked - creditsReleasedBy(outcome.state, releaseId);
    if (rest > 0) {
      await this.commands.execute(
        new RevokeCreditsCommand(
          { userId: voterId, credits: rest, revokeId: deterministicUuid(CREDIT_OPERATIONS, 'payment-refund', `${paymentId}:${refundId}`), reason: cause === 'refund' ? 'payment_refunded' : 'dispute_lost', ref: refundId, voidVotes: true },
          metadata,
        ),
      );
    }
    if (cause === 'dispute_lost') await this.giveBack(paymentId, voterId, `dispute-lost:${refundId}`, streamId, metadata);
  }

  private async holdForWarning(event: FraudWarningReceived, streamId: string, metadata: Metadata): Promise<void> {
    const { state } = await this.runner.load(paymentDecider, streamId);
    await this.hold(event.data.paymentId, state.voterId, event.data.warningId, 'fraud_warning', streamId, metadata);
  }

  /** Takes what the payment may still hold off the balance (never voiding votes), then records what it took. */
  private async hold(paymentId: string, voterId: string, holdId: string, cause: CreditHoldCause, streamId: string, metadata: Metadata): Promise<void> {
    const { state } = await this.runner.load(paymentDecider, streamId);
    if (state.holdIds.includes(holdId)) return;
    const wanted = holdableCredits(state);
    let held = 0;
    if (wanted > 0) {
      const revokeId = deterministicUuid(CREDIT_OPERATIONS, cause === 'dispute' ? 'dispute-hold' : 'fraud-warning-hold', `${paymentId}:${holdId}`);
      const reason = cause === 'dispute' ? 'dispute_opened' : 'early_fraud_warning';
      const result = await this.commands.execute(new RevokeCreditsCommand({ userId: voterId, credits: wanted, revokeId, reason, ref: holdId, voidVotes: false }, metadata));
      held = result.applied ? result.revoked : await this.revokedBefore(metadata.tenantId, voterId, revokeId);
    }
    const now = this.clock.now();
    await this.runner.run(
      { decider: paymentDecider, streamId, decide: (current) => decideCreditsHeld(current, { paymentId, holdId, cause, credits: held, eventId: eventIdOf('credits-held', paymentId, holdId), now }) },
      metadata,
    );
  }

  /** Gives the held credits back once no dispute is open (recorded first, then granted under an id derived from the release). */
  private async giveBack(paymentId: string, voterId: string, releaseId: string, streamId: string, metadata: Metadata): Promise<void> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: paymentDecider, streamId, decide: (state) => decideReturnHeld(state, { paymentId, releaseId, eventId: eventIdOf('credits-released', paymentId, releaseId), now }) },
      metadata,
    );
    await this.grantReleased(paymentId, voterId, releaseId, creditsReleasedBy(outcome.state, releaseId), metadata);
  }

  /** Grants released credits back under an id derived from the release, so a replay grants once. */
  private async grantReleased(paymentId: string, voterId: string, releaseId: string, credits: number, metadata: Metadata): Promise<void> {
    if (credits <= 0) return;
    await this.commands.execute(
      new GrantCreditsCommand({ userId: voterId, credits, grantId: deterministicUuid(CREDIT_OPERATIONS, 'credit-hold-release', `${paymentId}:${releaseId}`), source: { kind: 'payment', ref: paymentId } }, metadata),
    );
  }

  /** How many credits an earlier run of this hold took (it was applied, then we crashed before recording it). */
  private async revokedBefore(tenantId: string, voterId: string, revokeId: string): Promise<number> {
    try {
      const events = await this.store.readStream<{ credits?: number }>(voterStream(tenantId, voterId));
      return events.find((event) => event.id === revokeId)?.data.credits ?? 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }
}

/** The id of an event the reactor appends, the same on every replay. */
function eventIdOf(kind: string, paymentId: string, key: string): string {
  return deterministicUuid(PAYMENT_IDS, `payment-${kind}-event`, `${paymentId}:${key}`);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected payment event ${JSON.stringify(value)}`);
}
