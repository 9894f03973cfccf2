import { VotingError } from '../../voting.errors';
import { CategoryAdded } from '../../domain/contest.events';
import { ContestState } from '../../domain/contest.state';
import { AddCategoryInput } from './add-category.command';

export function decideAddCategory(input: AddCategoryInput, categoryId: string, state: ContestState, now: Date): CategoryAdded[] {
  if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (state.status !== 'draft' && state.status !== 'scheduled' && state.status !== 'open') {
    throw new VotingError('VOTING.EVENT_NOT_EDITABLE', `A ${state.status} event takes no new categories`);
  }
  const rules = input.rules ?? {};
  for (const [field, value] of Object.entries(rules)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < 1)) {
      throw new VotingError('VOTING.EVENT_INVALID', `rules.${field} must be a whole number of at least 1`, { errors: [{ field: `rules.${field}`, message: 'must be at least 1' }] });
    }
  }
  if (!Number.isFinite(input.weight) || input.weight < 0) throw new VotingError('VOTING.EVENT_INVALID', 'weight must be a number of at least 0');
  return [{ type: 'CategoryAdded', data: { contestId: state.contestId, categoryId, name: input.name.trim(), weight: input.weight, rules, at: now.toISOString() } }];
}
