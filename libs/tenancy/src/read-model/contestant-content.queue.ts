import { EntityManager } from '@mikro-orm/postgresql';
import { RecordedEvent } from '@tally/eventstore';

/** Voting's contestant content events, matched by name (voting imports tenancy, so not the other way round). */
export const CONTESTANT_CONTENT_EVENTS: readonly string[] = ['ContestantContentSubmitted', 'ContestantContentApproved', 'ContestantContentRejected'];

interface ContestantContentData {
  submissionId: string;
  contestId: string;
  contestantId: string;
  content?: { bio: string | null; mediaUrls: string[] };
  reason?: string;
  at: string;
}

/** A submission is a `contestant_content` item of `moderation_queue`; its review decides the item. */
export async function applyContestantContent(em: EntityManager, recorded: RecordedEvent): Promise<void> {
  const d = recorded.data as ContestantContentData;
  switch (recorded.type) {
    case 'ContestantContentSubmitted':
      await em.execute(
        `insert into moderation_queue (item_id, tenant_id, kind, subject_id, content, status, submitted_by, submitted_at)
         values (?, ?, 'contestant_content', ?, ?::jsonb, 'pending', ?, ?) on conflict (item_id) do nothing`,
        [d.submissionId, recorded.metadata.tenantId, d.contestantId, JSON.stringify({ contestId: d.contestId, ...d.content }), recorded.metadata.actorId, d.at],
      );
      break;
    case 'ContestantContentApproved':
      await em.execute(`update moderation_queue set status = 'approved', decided_by = ?, decided_at = ? where item_id = ?`, [recorded.metadata.actorId, d.at, d.submissionId]);
      break;
    case 'ContestantContentRejected':
      await em.execute(`update moderation_queue set status = 'rejected', decided_by = ?, decided_at = ?, reason = ? where item_id = ?`, [recorded.metadata.actorId, d.at, d.reason ?? null, d.submissionId]);
      break;
  }
}
