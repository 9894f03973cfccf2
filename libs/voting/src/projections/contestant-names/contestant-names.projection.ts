import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { CONTESTANT_CONTENT_CATEGORY, ContestantContentEvent, nameShownBy } from '../../domain/contestant-content';

/**
 * `contestant_names`: the name the public sees of each contestant whose name moderation changed it
 * (nameShownBy): an approved name, a post-moderated rename at once, and what shows instead of a
 * post-moderated name a moderator took down (the last good name, or "Contestant <n>"). Without a
 * row the public sees `contestants.name` (the leaderboard's table): the name the contestant was
 * added with, or its placeholder while the name waits under pre-moderation. A pending
 * pre-moderated or rejected name never reaches it. Events stored before post-moderation (no
 * `moderation`) give the rows they gave then: approvals only.
 */
@RegisteredProjection()
export class ContestantNamesProjection implements Projection {
  readonly name = 'voting-contestant-names';
  readonly version = 1;
  readonly filter = { streamPrefixes: [`${CONTESTANT_CONTENT_CATEGORY}-`], eventTypes: ['ContestantNameApproved', 'ContestantNameSubmitted', 'ContestantNameRejected'] };
  readonly tables = ['contestant_names'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as ContestantContentEvent;
      const shown = nameShownBy(event);
      if (shown === undefined) continue;
      const d = event.data;
      // approved_at: when the name became what the public sees; submission_id: the one it came from (the rejected one for a placeholder).
      await em.execute(
        `insert into contestant_names (contestant_id, tenant_id, event_id, name, submission_id, approved_at) values (?, ?, ?, ?, ?, ?)
         on conflict (contestant_id) do update set name = excluded.name, submission_id = excluded.submission_id, approved_at = excluded.approved_at`,
        [d.contestantId, recorded.metadata.tenantId, d.contestId, shown.name, shown.submissionId ?? d.submissionId, d.at],
      );
    }
  }
}
