import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, streamName } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { VoteScreeningInput } from '@tally/voting';
import { FRAUD_SCREENING_CATEGORY, VoteScreenedOut } from '../domain/fraud.events';
import { RiskScore } from '../scoring/risk-score';

/**
 * Records a refused vote's decision (VoteScreenedOut): the only write screening makes, and only
 * for rejections, which are rare for people and cheap next to what a bot's requests cost it.
 * The stream is the voter's own in the fraud context, appended without a revision check (the
 * records are independent; order comes from the log).
 */
@Injectable()
export class ScreenedOutRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(input: VoteScreeningInput, scored: RiskScore): Promise<void> {
    const screeningId = uuidv7();
    const event: VoteScreenedOut = {
      type: 'VoteScreenedOut',
      data: {
        screeningId,
        userId: input.userId,
        contestId: input.contestId,
        contestantId: input.contestantId,
        amount: input.amount,
        score: scored.score,
        decision: scored.decision,
        factors: scored.factors,
        modelVersion: scored.modelVersion,
        at: this.clock.now().toISOString(),
      },
    };
    await this.store.append(
      streamName(FRAUD_SCREENING_CATEGORY, input.tenantId, input.userId),
      [{ id: screeningId, type: event.type, data: event.data, metadata: { tenantId: input.tenantId, actorId: input.userId, clientIp: input.clientIp, correlationId: screeningId, causationId: null } }],
      'any',
    );
  }
}
