/**
 * Standard competition ranking ("1224"): equal votes share a rank and the next rank skips.
 * Input in any order; output most votes first, ties in the order of `tieBreak`.
 */
export function competitionRank<T extends { votes: number }>(entries: readonly T[], tieBreak: (a: T, b: T) => number): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => b.votes - a.votes || tieBreak(a, b));
  const ranked: (T & { rank: number })[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i];
    const previous = ranked[i - 1];
    ranked.push({ ...entry, rank: previous && previous.votes === entry.votes ? previous.rank : i + 1 });
  }
  return ranked;
}

/** The leaderboard's order among equal counts: by name, then by id (so the order is stable). */
export function byNameThenId(a: { name: string; contestantId: string }, b: { name: string; contestantId: string }): number {
  return a.name.localeCompare(b.name) || a.contestantId.localeCompare(b.contestantId);
}
