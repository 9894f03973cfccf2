import { VotingError } from '../../voting.errors';
import { ContestantAdded } from '../../domain/contest.events';
import { ContestState } from '../../domain/contest.state';
import { AddContestantInput } from './add-contestant.command';

/** Slugs are unique per event, decided here on the event's stream: a given slug that is taken is 409, a derived one gets a suffix. */
export function decideAddContestant(input: AddContestantInput, contestantId: string, state: ContestState, now: Date): ContestantAdded[] {
  if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (state.status !== 'draft' && state.status !== 'scheduled' && state.status !== 'open') {
    throw new VotingError('VOTING.EVENT_NOT_EDITABLE', `A ${state.status} event takes no new contestants`);
  }
  if (input.categoryId !== undefined && !state.categories.has(input.categoryId)) {
    throw new VotingError('VOTING.CATEGORY_NOT_FOUND', 'No such category in this event', { categoryId: input.categoryId });
  }
  let slug: string;
  if (input.slug !== undefined) {
    slug = input.slug;
    if (state.slugs.has(slug)) throw new VotingError('VOTING.SLUG_TAKEN', `The slug "${slug}" is taken in this event`, { slug });
  } else {
    const base = slugify(input.name) || 'contestant';
    slug = base;
    for (let n = 2; state.slugs.has(slug); n++) slug = `${base}-${n}`;
  }
  return [
    {
      type: 'ContestantAdded',
      data: { contestId: state.contestId, contestantId, name: input.name.trim(), slug, categoryId: input.categoryId ?? null, at: now.toISOString() },
    },
  ];
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
