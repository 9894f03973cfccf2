import { canonicalScores, commitmentOf } from '../../domain/commitment';
import { ContestFacts, votingHasClosed } from '../../domain/contest-facts';
import { assertNotFinalised } from '../../domain/judging.guards';
import { JuryScoresRevealed, RevealedCommitment } from '../../domain/judging.events';
import { JudgingState, scoresOf } from '../../domain/judging.state';
import { ScoringError } from '../../scoring.errors';
import { RevealScoresInput } from './reveal-scores.command';

/**
 * After voting closes the jury's scores are revealed: every lock's commitment is recomputed
 * from the scores as they stand and the salt; one that does not match refuses the reveal
 * (the scores changed after they were committed), and the reveal publishes each judge's
 * canonical bytes and salt so anyone can check them against the commitment published earlier.
 */
export function decideRevealScores(input: RevealScoresInput, contest: ContestFacts, state: JudgingState, now: Date): JuryScoresRevealed[] {
  assertNotFinalised(state);
  if (state.revealed) throw new ScoringError('SCORING.ALREADY_REVEALED', 'The jury scores are already revealed');
  if (!votingHasClosed(contest)) throw new ScoringError('SCORING.VOTING_NOT_CLOSED', 'Jury scores are revealed only after voting closes');
  if (state.locks.size === 0) throw new ScoringError('SCORING.NOTHING_COMMITTED', 'No judge has locked any scores');
  const reveals: RevealedCommitment[] = [...state.locks.values()].map((lock) => {
    const canonical = canonicalScores(input.contestId, lock.phase, lock.judgeId, scoresOf(state, lock.phase, lock.judgeId));
    if (commitmentOf(canonical, lock.salt) !== lock.commitment) {
      throw new ScoringError('SCORING.COMMITMENT_MISMATCH', `The ${lock.phase} scores of judge ${lock.judgeId} do not match their commitment`, { phase: lock.phase, judgeId: lock.judgeId });
    }
    return { phase: lock.phase, judgeId: lock.judgeId, commitment: lock.commitment, salt: lock.salt, canonical };
  });
  return [{ type: 'JuryScoresRevealed', data: { contestId: input.contestId, reveals, at: now.toISOString() } }];
}
