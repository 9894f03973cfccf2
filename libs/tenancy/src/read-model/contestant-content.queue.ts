import { EntityManager } from '@mikro-orm/postgresql';
import { RecordedEvent } from '@tally/eventstore';

/**
 * Voting's contestant content and name events, matched by name (voting imports tenancy, so not the
 * other way round). ContestantAdded (on the contest stream) is the submission of the name a
 * contestant is added with when that name is reviewed (`nameModeration` set, or on events stored
 * before it existed `publicName`); its item id is the contestant's id. An item's content carries
 * the `moderation` it was submitted under (`post`: public while it waits) when the event records it.
 */
export const CONTESTANT_CONTENT_EVENTS: readonly string[] = [
  'ContestantContentSubmitted',
  'ContestantContentApproved',
  'ContestantContentRejected',
  'ContestantNameSubmitted',
  'ContestantNameApproved',
  'ContestantNameRejected',
  'ContestantAdded',
];

interface ContestantContentData {
  submissionId: string;
  contestId: string;
  contestantId: string;
  content?: { bio: string | null; mediaUrls: string[] };
  name?: string;
  reason?: string;
  moderation?: string;
  at: string;
}

interface ContestantAddedData {
  contestId: string;
  contestantId: string;
  name: string;
  publicName?: string;
  nameModeration?: string;
  at: string;
}

/** A submission is a `contestant_content` or `contestant_name` item of `moderation_queue`; its review decides the item. */
export async function applyContestantContent(em: EntityManager, recorded: RecordedEvent): Promise<void> {
  const d = recorded.data as ContestantContentData;
  switch (recorded.type) {
    case 'ContestantAdded': {
      const added = recorded.data as ContestantAddedData;
      if (added.publicName === undefined && added.nameModeration === undefined) return;
      const content = { contestId: added.contestId, name: added.name, ...moderationOf(added.nameModeration) };
      await queue(em, recorded, { itemId: added.contestantId, kind: 'contestant_name', subjectId: added.contestantId, content, at: added.at });
      return;
    }
    case 'ContestantContentSubmitted':
      await queue(em, recorded, { itemId: d.submissionId, kind: 'contestant_content', subjectId: d.contestantId, content: { contestId: d.contestId, ...d.content }, at: d.at });
      return;
    case 'ContestantNameSubmitted':
      await queue(em, recorded, { itemId: d.submissionId, kind: 'contestant_name', subjectId: d.contestantId, content: { contestId: d.contestId, name: d.name, ...moderationOf(d.moderation) }, at: d.at });
      return;
    case 'ContestantContentApproved':
    case 'ContestantNameApproved':
      await em.execute(`update moderation_queue set status = 'approved', decided_by = ?, decided_at = ? where item_id = ?`, [recorded.metadata.actorId, d.at, d.submissionId]);
      return;
    case 'ContestantContentRejected':
    case 'ContestantNameRejected':
      await em.execute(`update moderation_queue set status = 'rejected', decided_by = ?, decided_at = ?, reason = ? where item_id = ?`, [recorded.metadata.actorId, d.at, d.reason ?? null, d.submissionId]);
      return;
  }
}

async function queue(em: EntityManager, recorded: RecordedEvent, item: { itemId: string; kind: 'contestant_content' | 'contestant_name'; subjectId: string; content: Record<string, unknown>; at: string }): Promise<void> {
  await em.execute(
    `insert into moderation_queue (item_id, tenant_id, kind, subject_id, content, status, submitted_by, submitted_at)
     values (?, ?, ?, ?, ?::jsonb, 'pending', ?, ?) on conflict (item_id) do nothing`,
    [item.itemId, recorded.metadata.tenantId, item.kind, item.subjectId, JSON.stringify(item.content), recorded.metadata.actorId, item.at],
  );
}

/** Old events record no mode: their items stay as they were. */
function moderationOf(moderation: string | undefined): { moderation?: string } {
  return moderation === undefined ? {} : { moderation };
}
