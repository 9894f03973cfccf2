import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { CLOCK, Clock, deterministicUuid, isUuid } from '@tally/platform';
import { paymentDecider, paymentStream } from '../../domain/payment.state';
import { creditsReleasedBy } from '../../credits/credit-holds.decide';
import { ReleaseCreditHoldCommand, ReleaseCreditHoldResult } from './release-credit-hold.command';
import { decideReleaseHold, manualReleaseId } from './release-credit-hold.decide';
import { PaymentsError } from '../../payments.errors';
import { PAYMENT_IDS } from '../../domain/payment-ids';

/**
 * Records an organizer's release of held credits on the payment stream (who, why, how many);
 * the credits reactor grants them back from there, exactly once.
 */
@CommandHandler(ReleaseCreditHoldCommand)
export class ReleaseCreditHoldHandler implements ICommandHandler<ReleaseCreditHoldCommand, ReleaseCreditHoldResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ReleaseCreditHoldCommand): Promise<ReleaseCreditHoldResult> {
    const { paymentId } = input;
    if (!isUuid(paymentId)) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', 'Payment not found', { paymentId: input.paymentId });
    const now = this.clock.now();
    let releaseId = '';
    const outcome = await this.runner.run(
      {
        decider: paymentDecider,
        streamId: paymentStream(metadata.tenantId, paymentId),
        decide: (state) => {
          releaseId = manualReleaseId(state);
          const eventIdOf = (id: string) => deterministicUuid(PAYMENT_IDS, 'payment-hold-released-event', `${paymentId}:${id}`);
          return decideReleaseHold(state, { paymentId, reason: input.reason, releasedBy: metadata.actorId, eventIdOf, now });
        },
      },
      metadata,
    );
    return { paymentId, releaseId, creditsReleased: creditsReleasedBy(outcome.state, releaseId), replayed: outcome.events.length === 0 };
  }
}
