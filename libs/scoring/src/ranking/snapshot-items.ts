import { ContestFacts } from '../domain/contest-facts';
import { SnapshotItem } from '../domain/judging.events';
import { JudgingState, juryInputOf } from '../domain/judging.state';
import { computeJury } from '../domain/jury-scores';
import { rankContestants } from './scoring-ranking';

/** The blended ranking of a judging state and the vote counts, as a snapshot freezes it. */
export function blendedSnapshotItems(state: JudgingState, contest: ContestFacts, votes: ReadonlyMap<string, number>): SnapshotItem[] {
  return rankContestants('blended', contest, computeJury(juryInputOf(state)).jury, votes, state.blend).map(({ rank, contestantId, name, votes: count, juryScore, score }) => ({
    rank,
    contestantId,
    name,
    votes: count,
    juryScore,
    score,
  }));
}
