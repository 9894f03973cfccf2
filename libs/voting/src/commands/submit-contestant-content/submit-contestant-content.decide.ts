import { ContestantContent, ContestantContentSubmitted } from '../../domain/contestant-content';
import { ContestState } from '../../domain/contest.state';
import { VotingError } from '../../voting.errors';

export const MAX_BIO_LENGTH = 2000;
export const MAX_MEDIA_URLS = 10;
export const MAX_MEDIA_URL_LENGTH = 2048;

/**
 * The automatic checks before the queue: a refused submission never reaches a moderator and is
 * answered 422 naming the field. Banned terms are refused, not flagged: the organizer can reword at
 * once, and a moderator is not shown content the tenant already said it does not want.
 */
export function decideSubmitContestantContent(
  contest: ContestState,
  contestantId: string,
  content: ContestantContent,
  bannedTerms: readonly string[],
  submissionId: string,
  now: Date,
): ContestantContentSubmitted[] {
  if (!contest.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (!contest.contestants.has(contestantId)) throw new VotingError('VOTING.CONTESTANT_NOT_FOUND', 'No such contestant in this event', { contestantId });
  checkContent(content, bannedTerms);
  return [
    {
      type: 'ContestantContentSubmitted',
      data: { submissionId, contestId: contest.contestId, contestantId, content: { bio: content.bio?.trim() ?? null, mediaUrls: content.mediaUrls }, at: now.toISOString() },
    },
  ];
}

function checkContent(content: ContestantContent, bannedTerms: readonly string[]): void {
  if (content.bio !== null && content.bio.length > MAX_BIO_LENGTH) refuse('bio', `at most ${MAX_BIO_LENGTH} characters`);
  if (content.mediaUrls.length > MAX_MEDIA_URLS) refuse('mediaUrls', `at most ${MAX_MEDIA_URLS} URLs`);
  content.mediaUrls.forEach((url, index) => {
    if (!isHttpsUrl(url)) refuse(`mediaUrls[${index}]`, 'an https URL');
  });
  const bio = (content.bio ?? '').toLowerCase();
  const term = bannedTerms.find((banned) => banned.trim() !== '' && bio.includes(banned.trim().toLowerCase()));
  if (term !== undefined) refuse('bio', 'free of the terms this tenant bans', { term });
}

function isHttpsUrl(value: string): boolean {
  if (value.length > MAX_MEDIA_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function refuse(field: string, expected: string, extra: Record<string, unknown> = {}): never {
  throw new VotingError('VOTING.CONTENT_REFUSED', `${field} must be ${expected}`, { field, ...extra });
}
