import { leaderboardTotal } from './contest-setup';
import { sleep } from './server';

/**
 * How long after `since` (performance.now()) the public leaderboard first shows `expected`
 * votes. Polls every 10 ms; gives up after `timeoutMs`. A total above `expected` is reported
 * as it is (votes counted that were never answered 201, or counted twice).
 */
export async function leaderboardLag(base: string, eventId: string, expected: number, since: number, timeoutMs = 60_000): Promise<{ lagMs: number | null; total: number }> {
  const deadline = performance.now() + timeoutMs;
  let total = -1;
  while (performance.now() < deadline) {
    total = await leaderboardTotal(base, eventId).catch(() => -1);
    if (total >= expected) return { lagMs: performance.now() - since, total };
    await sleep(10);
  }
  return { lagMs: null, total };
}
