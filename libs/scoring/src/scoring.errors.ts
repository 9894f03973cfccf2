import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal of the scoring context, with its problem+json mapping. */
export const SCORING_PROBLEMS = {
  'SCORING.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'SCORING.SCORE_TYPE_NOT_FOUND': { status: 422, slug: 'score-type-not-found', title: 'No such score type in this event' },
  'SCORING.SCORE_TYPE_EXISTS': { status: 409, slug: 'score-type-exists', title: 'The event already has a score type of that name' },
  'SCORING.PHASE_NOT_FOUND': { status: 404, slug: 'phase-not-found', title: 'No such phase in this event' },
  'SCORING.PHASE_EXISTS': { status: 409, slug: 'phase-exists', title: 'The phase is already defined, or a later one is' },
  'SCORING.PHASE_CLOSED': { status: 409, slug: 'phase-closed', title: 'The phase is closed' },
  'SCORING.NOT_A_JUDGE': { status: 422, slug: 'not-a-judge', title: 'The user is not a judge of this tenant' },
  'SCORING.JUDGE_NOT_ASSIGNED': { status: 403, slug: 'judge-not-assigned', title: 'The judge is not assigned to this phase' },
  'SCORING.CONTESTANT_NOT_IN_EVENT': { status: 422, slug: 'contestant-not-in-event', title: 'The contestant is not in this event' },
  'SCORING.SCORE_OUT_OF_SCALE': { status: 422, slug: 'score-out-of-scale', title: "The value is outside the score type's scale" },
  'SCORING.SCORES_LOCKED': { status: 409, slug: 'scores-locked', title: "The judge's scores of this phase are locked" },
  'SCORING.NOTHING_TO_LOCK': { status: 409, slug: 'nothing-to-lock', title: 'The judge has no scores in this phase' },
  'SCORING.JUDGES_NOT_LOCKED': { status: 409, slug: 'judges-not-locked', title: 'Some judges of the phase have not locked their scores' },
  'SCORING.VOTING_CLOSED': { status: 409, slug: 'voting-closed', title: 'Voting has closed: jury scores can no longer be committed' },
  'SCORING.VOTING_NOT_CLOSED': { status: 409, slug: 'voting-not-closed', title: 'Jury scores are revealed only after voting closes' },
  'SCORING.ALREADY_REVEALED': { status: 409, slug: 'scores-already-revealed', title: 'The jury scores are already revealed' },
  'SCORING.NOT_REVEALED': { status: 409, slug: 'scores-not-revealed', title: 'The jury scores are not revealed yet' },
  'SCORING.COMMITMENT_MISMATCH': { status: 409, slug: 'commitment-mismatch', title: 'The scores do not match the commitment published at the lock' },
  'SCORING.FINALISED': { status: 409, slug: 'scoring-finalised', title: 'The scoring of this event is final' },
  'SCORING.NOTHING_COMMITTED': { status: 409, slug: 'nothing-committed', title: 'No judge has locked any scores' },
  'SCORING.NOT_FOUND': { status: 404, slug: 'scoring-not-found', title: 'This event has no jury scoring' },
} as const;

export type ScoringErrorCode = keyof typeof SCORING_PROBLEMS;

ProblemCatalog.register<ScoringErrorCode>(SCORING_PROBLEMS);

export class ScoringError extends DomainError<ScoringErrorCode> {
  constructor(code: ScoringErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A refusal that names the field at fault, as validation problems do (`errors`). */
export function fieldError(code: ScoringErrorCode, field: string, message: string): ScoringError {
  return new ScoringError(code, message, { errors: [{ field, message }] });
}
