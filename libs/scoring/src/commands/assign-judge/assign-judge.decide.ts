import { assertNotFinalised, openPhase } from '../../domain/judging.guards';
import { JudgeAssigned } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { fieldError } from '../../scoring.errors';
import { AssignJudgeInput } from './assign-judge.command';

/** A phase's judges are users of the tenant holding the `judge` role (looked up by the handler); assigning one twice changes nothing. */
export function decideAssignJudge(input: AssignJudgeInput, isJudge: boolean, state: JudgingState, now: Date): JudgeAssigned[] {
  assertNotFinalised(state);
  const phase = openPhase(state, input.phase);
  if (!isJudge) throw fieldError('SCORING.NOT_A_JUDGE', 'judgeId', 'The user is not a judge of this tenant');
  if (phase.judges.has(input.judgeId)) return [];
  return [{ type: 'JudgeAssigned', data: { contestId: input.contestId, phase: input.phase, judgeId: input.judgeId, at: now.toISOString() } }];
}
