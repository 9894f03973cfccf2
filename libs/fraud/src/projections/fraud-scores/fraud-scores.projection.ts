import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { FraudScoresBatch } from './fraud-scores-batch';

/**
 * fraud_scores, ip_velocity and device_fingerprints from the screening each VoteCast carries:
 * the vote path writes nothing but its own event, and these tables can be rebuilt from the log.
 */
@RegisteredProjection()
export class FraudScoresProjection implements Projection {
  readonly name = 'fraud-scores';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-'], eventTypes: ['VoteCast'] };
  readonly tables = ['fraud_scores', 'ip_velocity', 'device_fingerprints'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const batch = new FraudScoresBatch();
    for (const recorded of events) batch.add(recorded);
    await batch.write(em);
  }
}
