import { Inject } from '@nestjs/common';
import { AppendObservers, ReadPositionWaiter, RecordedEvent, RegisteredReactor, StreamCacheInvalidationReactor } from '@tally/eventstore';
import { QUERY_CACHE, QueryCache } from '@tally/platform';
import { CONTEST_CATEGORY, CONTEST_EVENT_TYPES } from '../../domain/contest.events';
import { CONTESTANT_CONTENT_CATEGORY } from '../../domain/contestant-content';
import { contestStream } from '../../domain/voting.streams';

/** Contest views in the query cache, one per contest stream (GetContestHandler). */
export const CONTEST_VIEW_CACHE = 'voting.contest-view';

/** The read models of a contest view besides its stream: approved names and content. */
const APPROVAL_PROJECTIONS = ['voting-contestant-names', 'voting-contestant-content'];

/**
 * Drops a cached contest view in every process when what it shows changes: its contest stream
 * (at once from the process that appended, again from the log), and a moderator's approval of a
 * contestant's name or content, once the projections that hold approvals have applied it
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
          eventTypes: ['ContestantNameApproved', 'ContestantContentApproved'],
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
