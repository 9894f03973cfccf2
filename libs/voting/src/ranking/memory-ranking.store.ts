import { RankingEntry, RankingStore, RankingUpdate } from './ranking-store.port';

/** The embedded mode's ranking store: one process runs the API and the projections. */
export class InMemoryRankingStore implements RankingStore {
  private readonly contests = new Map<string, Map<string, number>>();
  private lastPosition: string | null = null;

  async set(updates: readonly RankingUpdate[], position: string): Promise<void> {
    for (const update of updates) this.contest(update.tenantId, update.contestId, true)!.set(update.contestantId, update.votes);
    this.lastPosition = position;
  }

  async read(tenantId: string, contestId: string): Promise<RankingEntry[] | null> {
    const contest = this.contest(tenantId, contestId, false);
    if (!contest) return null;
    return [...contest].map(([contestantId, votes]) => ({ contestantId, votes })).sort((a, b) => b.votes - a.votes || a.contestantId.localeCompare(b.contestantId));
  }

  async replace(tenantId: string, contestId: string, entries: readonly RankingEntry[]): Promise<void> {
    this.contests.set(`${tenantId}:${contestId}`, new Map<string, number>(entries.map((entry) => [entry.contestantId, entry.votes])));
  }

  async position(): Promise<string | null> {
    return this.lastPosition;
  }

  private contest(tenantId: string, contestId: string, create: boolean): Map<string, number> | undefined {
    const key = `${tenantId}:${contestId}`;
    let contest = this.contests.get(key);
    if (!contest && create) this.contests.set(key, (contest = new Map<string, number>()));
    return contest;
  }
}
