import { byNameThenId, competitionRank } from '@tally/voting';
import { blendScores, BlendWeights } from '../domain/blend';
import { ContestFacts } from '../domain/contest-facts';

export interface RankedContestant {
  rank: number;
  contestantId: string;
  name: string;
  votes: number;
  /** 0–100. */
  juryScore: number;
  /** 0–100: votes relative to the most voted contestant. */
  publicScore: number;
  /** The blend with the category's weight applied; for the jury ranking, the jury score. */
  score: number;
}

export type RankingKind = 'blended' | 'jury';

/**
 * The jury and blended rankings of an event's contestants, ranked by the vote leaderboard's
 * own rule (competitionRank: equal scores share a rank and the next rank skips; equal scores
 * in name order), so a tie means the same here as there.
 */
export function rankContestants(kind: RankingKind, contest: ContestFacts, jury: ReadonlyMap<string, number>, votes: ReadonlyMap<string, number>, weights: BlendWeights): RankedContestant[] {
  const entries = [...contest.contestants].map(([contestantId, contestant]) => ({
    contestantId,
    juryScore: jury.get(contestantId) ?? 0,
    votes: votes.get(contestantId) ?? 0,
    categoryWeight: contestant.categoryId === null ? 1 : (contest.categoryWeights.get(contestant.categoryId) ?? 1),
  }));
  const blended = blendScores(entries, weights);
  const scored = blended.map((result, i) => ({
    contestantId: result.contestantId,
    name: contest.contestants.get(result.contestantId)!.name,
    votes: entries[i].votes,
    juryScore: result.juryScore,
    publicScore: result.publicScore,
    score: kind === 'blended' ? result.score : result.juryScore,
  }));
  // competitionRank ranks by a field named `votes`: give it the score, keep the real votes beside.
  return competitionRank(
    scored.map((entry) => ({ entry, name: entry.name, contestantId: entry.contestantId, votes: entry.score })),
    byNameThenId,
  ).map(({ entry, rank }) => ({ rank, ...entry }));
}
