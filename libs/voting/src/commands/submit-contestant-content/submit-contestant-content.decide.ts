import { bannedTermIn, refuseContent as refuse } from '../../domain/content-checks';
import { ContestantContent, ContestantContentApproved, ContestantContentSubmitted } from '../../domain/contestant-content';
import { ContestState } from '../../domain/contest.state';
import { VotingError } from '../../voting.errors';

export const MAX_BIO_LENGTH = 2000;
export const MAX_MEDIA_URLS = 10;
export const MAX_MEDIA_URL_LENGTH = 2048;

/**
 * The automatic checks before the queue: a refused submission never reaches a moderator and is
 * answered 422 naming the field. Banned terms are refused, not flagged: the organizer can reword at
 * once, and a moderator is not shown content the tenant already said it does not want. Content a
 * reviewer (moderator, platform admin) submits is approved in the same append.
 */
export function decideSubmitContestantContent(
  contest: ContestState,
  contestantId: string,
  content: ContestantContent,
  bannedTerms: readonly string[],
  submission: { submissionId: string; byReviewer: boolean },
  now: Date,
): (ContestantContentSubmitted | ContestantContentApproved)[] {
  if (!contest.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (!contest.contestants.has(contestantId)) throw new VotingError('VOTING.CONTESTANT_NOT_FOUND', 'No such contestant in this event', { contestantId });
  checkContent(content, bannedTerms);
  const data = { submissionId: submission.submissionId, contestId: contest.contestId, contestantId, content: { bio: content.bio?.trim() ?? null, mediaUrls: content.mediaUrls }, at: now.toISOString() };
  const submitted: ContestantContentSubmitted = { type: 'ContestantContentSubmitted', data };
  return submission.byReviewer ? [submitted, { type: 'ContestantContentApproved', data }] : [submitted];
}

function checkContent(content: ContestantContent, bannedTerms: readonly string[]): void {
  if (content.bio !== null && content.bio.length > MAX_BIO_LENGTH) refuse('bio', `at most ${MAX_BIO_LENGTH} characters`);
  if (content.mediaUrls.length > MAX_MEDIA_URLS) refuse('mediaUrls', `at most ${MAX_MEDIA_URLS} URLs`);
  content.mediaUrls.forEach((url, index) => {
    if (!isHttpsUrl(url)) refuse(`mediaUrls[${index}]`, 'an https URL');
  });
  const term = bannedTermIn(content.bio ?? '', bannedTerms);
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
