import { round4 } from './normalisation';

export interface BlendWeights {
  juryWeight: number;
  publicWeight: number;
}

export interface BlendEntry {
  contestantId: string;
  /** 0–100. */
  juryScore: number;
  votes: number;
  /** The weight of the contestant's category (1 without one). */
  categoryWeight: number;
}

export interface BlendedScore {
  contestantId: string;
  juryScore: number;
  /** 100 · votes / the most votes any contestant of the event has (0 when nobody has votes). */
  publicScore: number;
  /** (juryWeight · jury + publicWeight · public) / (juryWeight + publicWeight) · categoryWeight. */
  score: number;
}

/** The published blend of jury and public vote (libs/scoring/README.md "The blend"). */
export function blendScores(entries: readonly BlendEntry[], weights: BlendWeights): BlendedScore[] {
  const mostVotes = entries.reduce((max, entry) => Math.max(max, entry.votes), 0);
  const total = weights.juryWeight + weights.publicWeight;
  return entries.map((entry) => {
    const publicScore = mostVotes > 0 ? (100 * Math.max(0, entry.votes)) / mostVotes : 0;
    const blended = total > 0 ? (weights.juryWeight * entry.juryScore + weights.publicWeight * publicScore) / total : 0;
    return { contestantId: entry.contestantId, juryScore: round4(entry.juryScore), publicScore: round4(publicScore), score: round4(blended * entry.categoryWeight) };
  });
}
