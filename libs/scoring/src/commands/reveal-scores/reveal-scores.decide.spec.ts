import { createHash } from 'node:crypto';
import { ADA, BOB, CONTEST, contestIn, JUDGE_1, JUDGE_2, NOW, scored, setUp, stateOf, VOICE } from '../../domain/judging.fixtures';
import { JudgingEvent } from '../../domain/judging.events';
import { judgingDecider, JudgingState } from '../../domain/judging.state';
import { decideLockScores } from '../lock-scores/lock-scores.decide';
import { decideRevealScores } from './reveal-scores.decide';

const reveal = { contestId: CONTEST };

function lockedState(): JudgingState {
  let state = stateOf([...setUp, scored('preliminary', JUDGE_1, ADA, VOICE, 7), scored('preliminary', JUDGE_1, BOB, VOICE, 3), scored('preliminary', JUDGE_2, ADA, VOICE, 9)]);
  for (const [judgeId, salt] of [[JUDGE_1, 'salt-1'], [JUDGE_2, 'salt-2']]) {
    state = decideLockScores({ contestId: CONTEST, phase: 'preliminary', judgeId }, salt, contestIn('open'), state, NOW).reduce(judgingDecider.evolve, state);
  }
  return state;
}

describe('revealing the jury scores', () => {
  it('after voting closes, publishes every judge’s canonical scores and salt, which hash to the commitment published at the lock', () => {
    const state = lockedState();
    const [event] = decideRevealScores(reveal, contestIn('closed'), state, NOW);
    expect(event.data.reveals).toHaveLength(2);
    for (const revealed of event.data.reveals) {
      expect(createHash('sha256').update(`${revealed.canonical}\n${revealed.salt}`).digest('hex')).toBe(revealed.commitment);
      expect(revealed.commitment).toBe(state.locks.get(`preliminary|${revealed.judgeId}`)?.commitment);
    }
    expect(event.data.reveals.find((r) => r.judgeId === JUDGE_1)?.canonical.split('\n')).toHaveLength(3);
  });

  it('refuses while voting is open, twice, and with nothing committed', () => {
    expect(() => decideRevealScores(reveal, contestIn('open'), lockedState(), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.VOTING_NOT_CLOSED' }));
    const revealed = decideRevealScores(reveal, contestIn('closed'), lockedState(), NOW).reduce(judgingDecider.evolve, lockedState());
    expect(() => decideRevealScores(reveal, contestIn('closed'), revealed, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.ALREADY_REVEALED' }));
    expect(() => decideRevealScores(reveal, contestIn('closed'), stateOf(setUp), NOW)).toThrow(expect.objectContaining({ code: 'SCORING.NOTHING_COMMITTED' }));
  });

  it('refuses when a locked score no longer matches its commitment (a score recorded after the lock), naming the judge', () => {
    const tampered: JudgingEvent = scored('preliminary', JUDGE_2, ADA, VOICE, 10);
    const state = judgingDecider.evolve(lockedState(), tampered);
    expect(() => decideRevealScores(reveal, contestIn('closed'), state, NOW)).toThrow(expect.objectContaining({ code: 'SCORING.COMMITMENT_MISMATCH', details: { phase: 'preliminary', judgeId: JUDGE_2 } }));
  });
});
