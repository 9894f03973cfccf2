import { assertNotFinalised } from '../../domain/judging.guards';
import { PhaseDefined } from '../../domain/judging.events';
import { JudgingState, phaseOrder } from '../../domain/judging.state';
import { fieldError, ScoringError } from '../../scoring.errors';
import { DefinePhaseInput } from './define-phase.command';

/**
 * Phases are defined in their running order (preliminary, semi-final, final; any may be left
 * out), each once. The first phase has nothing to carry over; the weights name score types of
 * the event.
 */
export function decideDefinePhase(input: DefinePhaseInput, state: JudgingState, now: Date): PhaseDefined[] {
  assertNotFinalised(state);
  if (state.revealed) throw new ScoringError('SCORING.ALREADY_REVEALED', 'The jury scores are revealed; phases can no longer change');
  const later = [...state.phases.keys()].find((defined) => phaseOrder(defined) >= phaseOrder(input.phase));
  if (later) throw new ScoringError('SCORING.PHASE_EXISTS', later === input.phase ? `The ${input.phase} phase is already defined` : `The ${later} phase is already defined, after which ${input.phase} cannot come`, { phase: input.phase });
  if (!(input.carryOver >= 0 && input.carryOver <= 1)) throw fieldError('SCORING.INVALID_INPUT', 'carryOver', 'carryOver must be between 0 and 1');
  if (state.phases.size === 0 && input.carryOver !== 0) throw fieldError('SCORING.INVALID_INPUT', 'carryOver', 'The first phase has no earlier phase to carry over');
  for (const [scoreTypeId, weight] of Object.entries(input.weights)) {
    if (!state.scoreTypes.has(scoreTypeId)) throw fieldError('SCORING.SCORE_TYPE_NOT_FOUND', `weights.${scoreTypeId}`, 'No such score type in this event');
    if (!(weight > 0)) throw fieldError('SCORING.INVALID_INPUT', `weights.${scoreTypeId}`, 'A weight must be greater than 0');
  }
  return [{ type: 'PhaseDefined', data: { contestId: input.contestId, phase: input.phase, carryOver: input.carryOver, weights: { ...input.weights }, at: now.toISOString() } }];
}
