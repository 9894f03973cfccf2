import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { CONTESTANT_CONTENT_CATEGORY, ContestantContentApproved } from '../../domain/contestant-content';

/**
 * `contestant_content`: the approved bio and media URLs per contestant. Only approvals are read,
 * so pending or rejected content never reaches the public, and a contestant stays listed and
 * votable under its last approved content. The queue itself (`moderation_queue`) is tenancy's.
 */
@RegisteredProjection()
export class ContestantContentProjection implements Projection {
  readonly name = 'voting-contestant-content';
  readonly version = 1;
  readonly filter = { streamPrefixes: [`${CONTESTANT_CONTENT_CATEGORY}-`], eventTypes: ['ContestantContentApproved'] };
  readonly tables = ['contestant_content'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const d = recorded.data as ContestantContentApproved['data'];
      await em.execute(
        `insert into contestant_content (contestant_id, tenant_id, event_id, bio, media_urls, submission_id, approved_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)
         on conflict (contestant_id) do update set bio = excluded.bio, media_urls = excluded.media_urls, submission_id = excluded.submission_id, approved_at = excluded.approved_at`,
        [d.contestantId, recorded.metadata.tenantId, d.contestId, d.content.bio, JSON.stringify(d.content.mediaUrls), d.submissionId, d.at],
      );
    }
  }
}
