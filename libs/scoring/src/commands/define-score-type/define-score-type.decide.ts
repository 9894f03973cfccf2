import { assertNotFinalised } from '../../domain/judging.guards';
import { ScoreTypeDefined } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { fieldError, ScoringError } from '../../scoring.errors';
import { DefineScoreTypeInput } from './define-score-type.command';

/** A score type's scale and weight are fixed once scores may have been given on it: defined before the reveal, names unique per event. */
export function decideDefineScoreType(input: DefineScoreTypeInput, scoreTypeId: string, state: JudgingState, now: Date): ScoreTypeDefined[] {
  assertNotFinalised(state);
  if (state.revealed) throw new ScoringError('SCORING.ALREADY_REVEALED', 'The jury scores are revealed; score types can no longer change');
  if (!(input.scaleMin < input.scaleMax)) throw fieldError('SCORING.INVALID_INPUT', 'scaleMax', 'scaleMax must be greater than scaleMin');
  if (!(input.weight > 0)) throw fieldError('SCORING.INVALID_INPUT', 'weight', 'weight must be greater than 0');
  const name = input.name.trim();
  if ([...state.scoreTypes.values()].some((type) => type.name.toLowerCase() === name.toLowerCase())) {
    throw new ScoringError('SCORING.SCORE_TYPE_EXISTS', `The event already has a score type named "${name}"`, { name });
  }
  return [
    {
      type: 'ScoreTypeDefined',
      data: { contestId: input.contestId, scoreTypeId, name, scaleMin: input.scaleMin, scaleMax: input.scaleMax, weight: input.weight, calculationMethod: input.calculationMethod, at: now.toISOString() },
    },
  ];
}
