import { Inject, Injectable } from '@nestjs/common';
import { CommandMetadata, CommandRunner, DecisionOutcome } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { PaymentAccount } from '../../domain/payment-account';
import { PaymentEvent } from '../../domain/payment.events';
import { paymentDecider, PaymentState, paymentStream } from '../../domain/payment.state';
import { PaymentRecovery, ProviderFact } from '../../domain/provider-fact';
import { decideProviderFact } from './record-provider-event.decide';

/** Applies one provider fact to its payment stream (load → decide → append with expected revision). */
@Injectable()
export class PaymentFacts {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `account`: the provider account that reported the fact, when it must be the payment's own (reconciliation). */
  record(paymentId: string, fact: ProviderFact, recovery: PaymentRecovery | null, metadata: CommandMetadata, account?: PaymentAccount): Promise<DecisionOutcome<PaymentState, PaymentEvent>> {
    const now = this.clock.now();
    return this.runner.run(
      {
        decider: paymentDecider,
        streamId: paymentStream(metadata.tenantId, paymentId),
        decide: (state) => decideProviderFact(state, fact, { paymentId, now, recovery, account }),
      },
      metadata,
    );
  }
}
