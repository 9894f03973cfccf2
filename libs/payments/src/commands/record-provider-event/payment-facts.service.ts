import { Inject, Injectable } from '@nestjs/common';
import { CommandMetadata, CommandRunner, DecisionOutcome } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
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

  record(paymentId: string, fact: ProviderFact, recovery: PaymentRecovery | null, metadata: CommandMetadata): Promise<DecisionOutcome<PaymentState, PaymentEvent>> {
    const now = this.clock.now();
    return this.runner.run(
      {
        decider: paymentDecider,
        streamId: paymentStream(metadata.tenantId, paymentId),
        decide: (state) => decideProviderFact(state, fact, { paymentId, now, recovery }),
      },
      metadata,
    );
  }
}
