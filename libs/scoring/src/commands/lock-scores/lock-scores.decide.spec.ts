import { createHash } from 'node:crypto';
import { ADA, BOB, CONTEST, contestIn, JUDGE_1, JUDGE_2, NOW, scored, setUp, stateOf, VOICE } from '../../domain/judging.fixtures';
import { judgingDecider } from '../../domain/judging.state';
import { decideLockScores } from './lock-scores.decide';

const lock = (judgeId = JUDGE_1) => ({ contestId: CONTEST, phase: 'preliminary' as const, judgeId });

describe('locking a judge’s scores', () => {
  it('publishes the SHA-256 of the canonical scores (sorted lines) and the salt', () => {
    const state = stateOf([...setUp, scored('preliminary', JUDGE_1, BOB, VOICE, 4), scored('preliminary', JUDGE_1, ADA, VOICE, 7.5)]);
    const [event] = decideLockScores(lock(), 'pepper', contestIn('open'), state, NOW);
    const canonical = [`tally-jury-commitment-v1,${CONTEST},preliminary,${JUDGE_1}`, ...[`${ADA},${VOICE},7.5`, `${BOB},${VOICE},4`].sort()].join('\n');
    expect(event.data).toMatchObject({ judgeId: JUDGE_1, scoreCount: 2, salt: 'pepper', commitment: createHash('sha256').update(`${canonical}\npepper`).digest('hex') });
  });

  it('refuses a second lock, a judge with no scores, and a lock after voting closed', () => {
    const state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 7)]);
    const locked = decideLockScores(lock(), 's', contestIn('open'), state, NOW).reduce(judgingDecider.evolve, state);
    expect(() => decideLockScores(lock(), 's', contestIn('open'), locked, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.SCORES_LOCKED' }));
    expect(() => decideLockScores(lock(JUDGE_2), 's', contestIn('open'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.NOTHING_TO_LOCK' }));
    expect(() => decideLockScores(lock(), 's', contestIn('closed'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.VOTING_CLOSED' }));
  });
});
