import { Inject } from '@nestjs/common';
import { AppendObservers, ReadPositionWaiter, RecordedEvent, RegisteredReactor, StreamCacheInvalidationReactor } from '@tally/eventstore';
import { QUERY_CACHE, QueryCache } from '@tally/platform';
import { CONTEST_CATEGORY, CONTEST_EVENT_TYPES } from '../../domain/contest.events';
import { CONTESTANT_CONTENT_CATEGORY } from '../../domain/contestant-content';
import { contestStream } from '../../domain/voting.streams';

/** Contest views in the query cache, one per contest stream (GetContestHandler). */
export const CONTEST_VIEW_CACHE = 'voting.contest-view';

/** The read models of a contest view besides its stream: the names moderation shows and approved content. */
const APPROVAL_PROJECTIONS = ['voting-contestant-names', 'voting-contestant-content'];

/**
 * Drops a cached contest view in every process when what it shows changes: its contest stream
 * (at once from the process that appended, again from the log), and a contestant's name events or
 * content approval, once the projections that hold what they show have applied them
 * (StreamCacheInvalidationReactor).
 */
@RegisteredReactor()
export class ContestViewCacheReactor extends StreamCacheInvalidationReactor {
  constructor(@Inject(QUERY_CACHE) cache: QueryCache, observers: AppendObservers, waiter: ReadPositionWaiter) {
    super(
      {
        name: 'voting.contest-view-cache',
        namespace: CONTEST_VIEW_CACHE,
        streamPrefix: `${CONTEST_CATEGORY}-`,
        eventTypes: CONTEST_EVENT_TYPES,
        readModelChanges: {
          streamPrefix: `${CONTESTANT_CONTENT_CATEGORY}-`,
          // Every name event may change the shown name (a post-moderated rename shows at once, a rejection takes one down).
          eventTypes: ['ContestantNameSubmitted', 'ContestantNameApproved', 'ContestantNameRejected', 'ContestantContentApproved'],
          projections: APPROVAL_PROJECTIONS,
          cachedStreamOf: contestOfApproval,
        },
      },
      cache,
      observers,
      waiter,
    );
  }
}

function contestOfApproval(event: RecordedEvent): string | null {
  const contestId = (event.data as { contestId?: unknown } | null)?.contestId;
  return typeof contestId === 'string' ? contestStream(event.metadata.tenantId, contestId) : null;
}
