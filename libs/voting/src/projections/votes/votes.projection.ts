import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { VOTER_EVENT_TYPES, WITHOUT_SCREENING } from '../../domain/voter.events';
import { VotesBatch } from './votes-batch';

/**
 * The `votes` and `vote_ledger` read models, from the voter streams: each batch is folded in
 * memory and written with a few set-based statements (see VotesBatch).
 */
@RegisteredProjection()
export class VotesProjection implements Projection {
  readonly name = 'voting-votes';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-'], eventTypes: VOTER_EVENT_TYPES };
  readonly tables = ['votes', 'vote_ledger'];
  readonly omitData = WITHOUT_SCREENING;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const batch = new VotesBatch();
    for (const recorded of events) batch.add(recorded);
    await batch.write(em);
  }
}
