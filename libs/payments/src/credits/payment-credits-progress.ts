import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, GlobalPosition, noteWrittenPosition, ReadPositionWaiter, StreamNotFoundError } from '@tally/eventstore';
import { voterStream } from '@tally/voting';
import { paymentStream } from '../domain/payment.state';
import { CREDIT_MOVING_EVENT_TYPES, CREDITS_REACTOR } from './credits-reactor';

/**
 * Whether a payment's credits are on the voter's balance yet. They arrive after the payment
 * moves: the webhook appends PaymentCompleted, then the credits reactor (in the worker) grants
 * the votes on the voter's stream. A client that just paid reads its payment, so that read is
 * where the gap closes: it waits, bounded (READ_POSITION_WAIT_MS), for the reactor to handle the
 * payment's latest credit-moving event, and then hands on, as Tally-Position, a position past
 * the reactor's effects, so the caller's next read with it (the ledger, the leaderboard) sees them.
 * The vote itself needs no position: it is decided on the voter's stream, where the grant already is.
 */
@Injectable()
export class PaymentCreditsProgress {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly waiter: ReadPositionWaiter,
  ) {}

  /** True when every credit movement of the payment so far is on the balance (also when it has none). */
  async awaitApplied(tenantId: string, paymentId: string, voterId: string): Promise<boolean> {
    const streamId = paymentStream(tenantId, paymentId);
    // Payment streams are a handful of events; the newest credit-moving one is what the reactor must pass.
    const events = await this.store.readStream(streamId, { direction: 'backwards' });
    const latest = events.find((event) => CREDIT_MOVING_EVENT_TYPES.includes(event.type as (typeof CREDIT_MOVING_EVENT_TYPES)[number]));
    if (!latest) return true;
    if (!(await this.waiter.waitFor([CREDITS_REACTOR], latest.position))) return false;
    // The reactor appends its effects (the grant on the voter's stream, holds on the payment's) before its checkpoint moves.
    const newest = await Promise.all([this.newestPosition(streamId), this.newestPosition(voterStream(tenantId, voterId))]);
    for (const position of newest) if (position !== null) noteWrittenPosition(position);
    return true;
  }

  private async newestPosition(streamId: string): Promise<GlobalPosition | null> {
    try {
      const [newest] = await this.store.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      return newest?.position ?? null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }
}
