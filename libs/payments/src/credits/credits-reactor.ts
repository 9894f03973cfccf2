import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner, EVENT_STORE, EventStore, metadataCausedBy, RecordedEvent, StreamNotFoundError, Subscription } from '@tally/eventstore';
import { Clock, CLOCK, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { creditOperationId, GrantCreditsCommand, RevokeCreditsCommand, voterStream } from '@tally/voting';
import { DisputeClosed, DisputeCreditsHeld, DisputeOpened, PaymentCompleted, PaymentEvent, PaymentRefunded } from '../domain/payment.events';
import { paymentDecider } from '../domain/payment.state';

const NAME = 'payments.credits';
const FILTER = { streamPrefixes: ['payment-'], eventTypes: ['PaymentCompleted', 'PaymentRefunded', 'DisputeOpened', 'DisputeClosed'] };

/**
 * Turns payment events into credit movements on the voter ledger, reading the event log from
 * its own checkpoint, never inside a webhook request. Every command it sends carries an id
 * derived from the payment event that caused it, so replaying events after a crash (the
 * checkpoint is saved after the effects) applies each grant or revocation exactly once.
 *
 * - PaymentCompleted: grant the votes bought (grant id from the payment id).
 * - PaymentRefunded: revoke the credits the refund takes back; spent ones are recovered by
 *   voiding the voter's newest paid votes (voting's compensation).
 * - DisputeOpened: hold the payment's unspent credits (revoked until the dispute closes; the
 *   number held is recorded on the payment stream). DisputeClosed: give the held credits back;
 *   a lost dispute is then followed by its PaymentRefunded, which takes the credits for good.
 */
@Injectable()
export class CreditsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PaymentCredits');
  private subscription?: Subscription;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.platform.role !== 'api') void this.start();
  }

  /** Stops before the event store and the database close under it (they close in later hooks). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.subscription?.stop().catch(() => undefined);
  }

  /** Starts (or restarts) the subscription from the saved checkpoint. */
  async start(): Promise<void> {
    if (this.stopped) return;
    try {
      const from = (await this.checkpoint()) ?? 'start';
      const subscription = this.store.subscribe({ from, filter: FILTER, batchSize: 50 }, (batch) => this.handle(batch));
      this.subscription = subscription;
      subscription.done.catch((error: unknown) => this.restartLater(error));
    } catch (error) {
      this.restartLater(error);
    }
  }

  /** Resolves once every payment event that exists now has been handled (tests, readiness). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp;
  }

  async handle(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      await this.react(event as RecordedEvent<PaymentEvent['data']>);
      await this.saveCheckpoint(event.position);
    }
  }

  private async react(recorded: RecordedEvent<PaymentEvent['data']>): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as PaymentEvent;
    const metadata = metadataCausedBy(recorded);
    switch (event.type) {
      case 'PaymentCompleted':
        return this.grant(event, metadata);
      case 'PaymentRefunded':
        return this.revoke(event, metadata);
      case 'DisputeOpened':
        return this.hold(event, recorded.streamId, metadata);
      case 'DisputeClosed':
        return this.release(event, recorded.streamId, metadata);
      // Not subscribed (see FILTER): nothing moves credits.
      case 'PaymentStarted':
      case 'PaymentFailed':
      case 'RefundRequested':
      case 'RefundFailed':
      case 'DisputeCreditsHeld':
      case 'FraudWarningReceived':
        return undefined;
      default:
        return assertNever(event);
    }
  }

  private async grant(event: PaymentCompleted, metadata: ReturnType<typeof metadataCausedBy>): Promise<void> {
    const { paymentId, voterId, votes } = event.data;
    if (votes <= 0) return;
    await this.commands.execute(new GrantCreditsCommand({ userId: voterId, credits: votes, grantId: creditOperationId('payment', paymentId), source: { kind: 'payment', ref: paymentId } }, metadata));
  }

  private async revoke(event: PaymentRefunded, metadata: ReturnType<typeof metadataCausedBy>): Promise<void> {
    const { paymentId, voterId, votesRevoked, refundId, cause } = event.data;
    if (votesRevoked <= 0) return;
    await this.commands.execute(
      new RevokeCreditsCommand(
        { userId: voterId, credits: votesRevoked, revokeId: creditOperationId('payment-refund', `${paymentId}:${refundId}`), reason: cause === 'refund' ? 'payment_refunded' : 'dispute_lost', ref: refundId, voidVotes: true },
        metadata,
      ),
    );
  }

  private async hold(event: DisputeOpened, streamId: string, metadata: ReturnType<typeof metadataCausedBy>): Promise<void> {
    const { paymentId, voterId, disputeId, creditsToHold } = event.data;
    let held = 0;
    if (creditsToHold > 0) {
      const revokeId = creditOperationId('dispute-hold', `${paymentId}:${disputeId}`);
      const result = await this.commands.execute(
        new RevokeCreditsCommand({ userId: voterId, credits: creditsToHold, revokeId, reason: 'dispute_opened', ref: disputeId, voidVotes: false }, metadata),
      );
      held = result.applied ? result.revoked : await this.revokedBefore(metadata.tenantId, voterId, revokeId);
    }
    const at = this.clock.now().toISOString();
    await this.runner.run(
      {
        decider: paymentDecider,
        streamId,
        decide: (state): DisputeCreditsHeld[] =>
          state.disputes.some((d) => d.disputeId === disputeId && d.creditsHeld === null)
            ? [{ type: 'DisputeCreditsHeld', id: creditOperationId('dispute-held-event', `${paymentId}:${disputeId}`), data: { paymentId, disputeId, credits: held, at } }]
            : [],
      },
      metadata,
    );
  }

  private async release(event: DisputeClosed, streamId: string, metadata: ReturnType<typeof metadataCausedBy>): Promise<void> {
    const { paymentId, voterId, disputeId } = event.data;
    const { state } = await this.runner.load(paymentDecider, streamId);
    const held = state.disputes.find((d) => d.disputeId === disputeId)?.creditsHeld ?? 0;
    if (held <= 0) return;
    await this.commands.execute(
      new GrantCreditsCommand({ userId: voterId, credits: held, grantId: creditOperationId('dispute-release', `${paymentId}:${disputeId}`), source: { kind: 'payment', ref: paymentId } }, metadata),
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

  private async checkpoint(): Promise<string | null> {
    const [row] = await this.em.fork().getConnection().execute<{ position: string }[]>(`select position from payment_reactor_checkpoints where name = ?`, [NAME]);
    return row?.position ?? null;
  }

  private async saveCheckpoint(position: string): Promise<void> {
    await this.em
      .fork()
      .getConnection()
      .execute(`insert into payment_reactor_checkpoints (name, position, updated_at) values (?, ?, ?) on conflict (name) do update set position = excluded.position, updated_at = excluded.updated_at`, [
        NAME,
        position,
        this.clock.now(),
      ]);
  }

  private restartLater(error: unknown): void {
    if (this.stopped) return;
    this.logger.error({ err: error }, 'Payment credits reactor stopped; restarting from its checkpoint');
    this.restartTimer = setTimeout(() => void this.start(), 2_000);
    this.restartTimer.unref();
  }
}


function assertNever(value: never): never {
  throw new Error(`Unexpected payment event ${JSON.stringify(value)}`);
}
