import { Injectable } from '@nestjs/common';
import { arrayLiteral } from '@tally/eventstore';
import { ReadConnection } from '../../read-models/read-connection';

/** What moderation lets the public see of a contestant: its name (approved, post-moderated, or what shows after a takedown) and its approved bio and media URLs. */
export interface ApprovedContestant {
  name?: string;
  content?: { bio: string | null; mediaUrls: string[] };
}

/**
 * The names moderation shows (`contestant_names`: approvals, post-moderated renames, takedowns) and
 * the approved content (`contestant_content`) of contestants, for the public reads: a pending
 * pre-moderated name, a rejected one or pending content is never in these tables.
 */
@Injectable()
export class PublicContestantsReader {
  constructor(private readonly db: ReadConnection) {}

  /** Everything approved for the contestants of one event, by contestant id. */
  async ofContest(tenantId: string, contestId: string): Promise<Map<string, ApprovedContestant>> {
    const [names, contents] = await Promise.all([
      this.db.query<{ contestant_id: string; name: string }>('select contestant_id, name from contestant_names where tenant_id = ? and event_id = ?', [tenantId, contestId]),
      this.db.query<{ contestant_id: string; bio: string | null; media_urls: string[] }>('select contestant_id, bio, media_urls from contestant_content where tenant_id = ? and event_id = ?', [tenantId, contestId]),
    ]);
    const approved = new Map<string, ApprovedContestant>();
    for (const row of names) approved.set(row.contestant_id, { name: row.name });
    for (const row of contents) approved.set(row.contestant_id, { ...approved.get(row.contestant_id), content: { bio: row.bio, mediaUrls: row.media_urls } });
    return approved;
  }

  /** The names moderation shows of these contestants (those it changed nothing of are left out). */
  async names(tenantId: string, contestantIds: readonly string[]): Promise<Map<string, string>> {
    if (contestantIds.length === 0) return new Map();
    const rows = await this.db.query<{ contestant_id: string; name: string }>('select contestant_id, name from contestant_names where tenant_id = ? and contestant_id = any(?::uuid[])', [
      tenantId,
      arrayLiteral(contestantIds),
    ]);
    return new Map(rows.map((row) => [row.contestant_id, row.name]));
  }
}
