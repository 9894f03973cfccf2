import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { CONTESTANT_CONTENT_CATEGORY, ContestantNameApproved } from '../../domain/contestant-content';

/**
 * `contestant_names`: the last approved name of each contestant whose name a moderator approved
 * (on add or on rename). Only approvals are read, so a pending or rejected name never reaches the
 * public; without a row the public sees the name the contestant was added with when that needed no
 * moderator, or its "Contestant <n>" placeholder (`contestants.name`, the leaderboard's table).
 */
@RegisteredProjection()
export class ContestantNamesProjection implements Projection {
  readonly name = 'voting-contestant-names';
  readonly version = 1;
  readonly filter = { streamPrefixes: [`${CONTESTANT_CONTENT_CATEGORY}-`], eventTypes: ['ContestantNameApproved'] };
  readonly tables = ['contestant_names'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const d = recorded.data as ContestantNameApproved['data'];
      await em.execute(
        `insert into contestant_names (contestant_id, tenant_id, event_id, name, submission_id, approved_at) values (?, ?, ?, ?, ?, ?)
         on conflict (contestant_id) do update set name = excluded.name, submission_id = excluded.submission_id, approved_at = excluded.approved_at`,
        [d.contestantId, recorded.metadata.tenantId, d.contestId, d.name, d.submissionId, d.at],
      );
    }
  }
}
