import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { FraudScoresBatch } from './fraud-scores-batch';

/**
 * fraud_scores, ip_velocity (with ip_velocity_accounts) and device_fingerprints from the screening each VoteCast carries and
 * from refused votes (VoteScreenedOut): built from the log only, so they can be rebuilt by replay.
 */
@RegisteredProjection()
export class FraudScoresProjection implements Projection {
  readonly name = 'fraud-scores';
  // v2: ip_velocity.accounts counted exactly across batches (ip_velocity_accounts).
  readonly version = 2;
  readonly filter = { streamPrefixes: ['voter-', 'fraudscreening-'], eventTypes: ['VoteCast', 'VoteScreenedOut'] };
  readonly tables = ['fraud_scores', 'ip_velocity', 'ip_velocity_accounts', 'device_fingerprints'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const batch = new FraudScoresBatch();
    for (const recorded of events) batch.add(recorded);
    await batch.write(em);
  }
}
