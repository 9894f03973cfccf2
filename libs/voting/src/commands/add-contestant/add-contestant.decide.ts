import { VotingError } from '../../voting.errors';
import { bannedTermIn, checkedName, refuseContent } from '../../domain/content-checks';
import { ContestantAdded } from '../../domain/contest.events';
import { ContestState } from '../../domain/contest.state';
import { NamePolicy, placeholderName } from '../../domain/name-moderation';
import { AddContestantInput } from './add-contestant.command';

/**
 * The name and a given slug must first pass the tenant's banned terms (422 naming the field). Then
 * the tenant's name moderation applies, unless a reviewer added it (public at once, nothing to
 * review): `post`, the name is public at once and queued for review; `pre`, the public sees
 * "Contestant <n>" (its number in the event) until a moderator approves it. The event records the
 * mode, so a rebuild shows what was shown.
 */
export function decideAddContestant(input: AddContestantInput, contestantId: string, state: ContestState, policy: NamePolicy, now: Date): ContestantAdded[] {
  if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (state.status !== 'draft' && state.status !== 'scheduled' && state.status !== 'open') {
    throw new VotingError('VOTING.EVENT_NOT_EDITABLE', `A ${state.status} event takes no new contestants`);
  }
  if (input.categoryId !== undefined && !state.categories.has(input.categoryId)) {
    throw new VotingError('VOTING.CATEGORY_NOT_FOUND', 'No such category in this event', { categoryId: input.categoryId });
  }
  const name = checkedName(input.name, policy.bannedTerms);
  const review = nameReview(input, policy, state);
  const slug = chooseSlug(input.slug, review.publicName ?? name, state, policy.bannedTerms);
  return [{ type: 'ContestantAdded', data: { contestId: state.contestId, contestantId, name, slug, categoryId: input.categoryId ?? null, at: now.toISOString(), ...review } }];
}

/** The event's moderation fields: none for a reviewer's own name, the mode otherwise (with the placeholder the public sees meanwhile when `pre`). */
function nameReview(input: AddContestantInput, policy: NamePolicy, state: ContestState): Pick<ContestantAdded['data'], 'nameModeration' | 'publicName'> {
  if (input.byReviewer) return {};
  if (policy.moderation === 'post') return { nameModeration: 'post' };
  return { nameModeration: 'pre', publicName: placeholderName(state.contestants.size + 1) };
}

/**
 * Slugs are unique per event, decided here on the event's stream: a given slug that is taken is
 * 409, a derived one gets a suffix. A slug is derived from what the public sees (`shown`), so a
 * name waiting for a moderator does not show through it ("contestant-3"); a given slug is the
 * organizer's own, checked against the banned terms.
 */
function chooseSlug(given: string | undefined, shown: string, state: ContestState, bannedTerms: readonly string[]): string {
  if (given !== undefined) {
    const term = bannedTermIn(given.replace(/-/g, ' '), bannedTerms);
    if (term !== undefined) refuseContent('slug', 'free of the terms this tenant bans', { term });
    if (state.slugs.has(given)) throw new VotingError('VOTING.SLUG_TAKEN', `The slug "${given}" is taken in this event`, { slug: given });
    return given;
  }
  const base = slugify(shown) || 'contestant';
  let slug = base;
  for (let n = 2; state.slugs.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
