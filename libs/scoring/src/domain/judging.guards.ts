import { ScoringError } from '../scoring.errors';
import { PhaseName } from './judging.events';
import { JudgingState, PhaseState } from './judging.state';

export function assertNotFinalised(state: JudgingState): void {
  if (state.finalised) throw new ScoringError('SCORING.FINALISED', 'The scoring of this event is final');
}

export function openPhase(state: JudgingState, phase: PhaseName): PhaseState {
  const found = state.phases.get(phase);
  if (!found) throw new ScoringError('SCORING.PHASE_NOT_FOUND', `The event has no ${phase} phase`, { phase });
  if (found.closed) throw new ScoringError('SCORING.PHASE_CLOSED', `The ${phase} phase is closed`, { phase });
  return found;
}
