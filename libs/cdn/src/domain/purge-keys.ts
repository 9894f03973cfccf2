import { surrogateKeys } from '@tally/platform';

/** The part of a stored event the purge reads. */
export interface PurgeableEvent {
  type: string;
  data: unknown;
  metadata: { tenantId: string };
}

/** Votes and their reversals change a contest's leaderboard and its Merkle log head. */
const TALLY_EVENTS = ['VoteCast', 'VoteRefunded', 'VoteVoided', 'HeldVoteReleased', 'HeldVoteRejected', 'VoteHeldForReview'] as const;
/**
 * Changes to the contest itself: everything tagged with the contest goes. A contestant's name
 * events (a post-moderated rename is public at once, a rejection can take a name down, an approval
 * can show one) and a moderator's approval of its content change what the public answers show.
 */
const CONTEST_EVENTS = [
  'ContestCreated',
  'ContestEdited',
  'CategoryAdded',
  'ContestantAdded',
  'ContestStatusChanged',
  'ContestantNameSubmitted',
  'ContestantNameApproved',
  'ContestantNameRejected',
  'ContestantContentApproved',
] as const;
/** What a tenant's public branding answer shows. */
const BRANDING_EVENTS = ['TenantBrandingApproved', 'TenantSettingsChanged', 'TenantStatusChanged'] as const;

export const PURGED_EVENT_TYPES: readonly string[] = [...TALLY_EVENTS, ...CONTEST_EVENTS, ...BRANDING_EVENTS];
export const PURGED_STREAM_PREFIXES = ['voter-', 'contest-', 'tenant-', 'contestant_content-'];

/** The surrogate keys whose cached responses an event makes stale (none for others). */
export function purgeKeysOf(event: PurgeableEvent): string[] {
  const data = (event.data ?? {}) as { contestId?: unknown };
  const contestId = typeof data.contestId === 'string' ? data.contestId : null;
  if ((TALLY_EVENTS as readonly string[]).includes(event.type)) return contestId ? [surrogateKeys.leaderboard(contestId), surrogateKeys.treeHead(contestId)] : [];
  if ((CONTEST_EVENTS as readonly string[]).includes(event.type)) return contestId ? [surrogateKeys.contest(contestId)] : [];
  if ((BRANDING_EVENTS as readonly string[]).includes(event.type)) return [surrogateKeys.branding(event.metadata.tenantId)];
  return [];
}

/** One purge for a batch: each key once, in first-seen order. */
export function purgeKeysOfBatch(events: readonly PurgeableEvent[]): string[] {
  return [...new Set(events.flatMap(purgeKeysOf))];
}
