import { api, leaderboardTotal } from './contest-setup';
import { sleep } from './server';

/**
 * How long after `since` (performance.now()) `read()` first reaches `expected`. Polls every
 * 10 ms; gives up after `timeoutMs`. A value above `expected` is reported as it is.
 */
async function lagUntil(read: () => Promise<number>, expected: number, since: number, timeoutMs: number): Promise<{ lagMs: number | null; total: number }> {
  const deadline = performance.now() + timeoutMs;
  let total = -1;
  while (performance.now() < deadline) {
    total = await read().catch(() => -1);
    if (total >= expected) return { lagMs: performance.now() - since, total };
    await sleep(10);
  }
  return { lagMs: null, total };
}

/**
 * How long after `since` the public leaderboard first shows `expected` votes. A total above
 * `expected` is reported as it is (votes counted that were never answered 201, or counted twice).
 */
export function leaderboardLag(base: string, eventId: string, expected: number, since: number, timeoutMs = 60_000): Promise<{ lagMs: number | null; total: number }> {
  return lagUntil(() => leaderboardTotal(base, eventId), expected, since, timeoutMs);
}

/**
 * How long after `since` the event's Merkle log has a signed tree head of `expected` leaves
 * (GET /api/events/{id}/log/head): the anchoring projection has applied every vote and signed a
 * head over them, so each one's receipt can be served. Every 201 is one leaf (vote-cast).
 */
export function merkleLogLag(base: string, eventId: string, expected: number, since: number, timeoutMs = 60_000): Promise<{ lagMs: number | null; total: number }> {
  return lagUntil(async () => (await api<{ treeSize: number }>(base, 'GET', `/api/events/${eventId}/log/head`)).treeSize, expected, since, timeoutMs);
}
