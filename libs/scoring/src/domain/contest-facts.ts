/** What scoring needs to know of the voting context's event (GetContestQuery), passed to decisions as a plain value. */
export interface ContestFacts {
  contestId: string;
  /** draft | scheduled | open | closed | finalized | cancelled */
  status: string;
  contestants: ReadonlyMap<string, { name: string; categoryId: string | null }>;
  categoryWeights: ReadonlyMap<string, number>;
}

/** Voting has ended: the jury's commitments are due before this, the reveal comes after. */
export function votingHasClosed(contest: ContestFacts): boolean {
  return contest.status === 'closed' || contest.status === 'finalized' || contest.status === 'cancelled';
}
