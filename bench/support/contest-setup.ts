/**
 * Sets up a voting event through the public API only: the bootstrap admin logs in, creates an
 * open event with M contestants, N voters sign up and log in (real access tokens), and the
 * admin grants each voter credits (POST /api/admin/credits/grant, the organizer's path).
 */
import { randomUUID } from 'node:crypto';

export const TENANT = 'demo';

export interface Voter {
  userId: string;
  token: string;
}

export interface PreparedContest {
  eventId: string;
  contestantIds: string[];
  voters: Voter[];
  adminToken: string;
}

export async function api<T>(base: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-tenant-id': TENANT,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Runs `work` over the items with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

export async function login(base: string, email: string, password: string): Promise<string> {
  return (await api<{ accessToken: string }>(base, 'POST', '/api/auth/login', { email, password })).accessToken;
}

export async function prepareContest(
  base: string,
  admin: { email: string; password: string },
  options: { voters: number; contestants: number; credits: number },
): Promise<PreparedContest> {
  const adminToken = await login(base, admin.email, admin.password);
  const { eventId } = await api<{ eventId: string }>(
    base,
    'POST',
    '/api/events',
    {
      name: `Bench final ${new Date().toISOString()}`,
      startDate: new Date(Date.now() - 86_400_000).toISOString(),
      endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      voteCap: 1_000_000_000,
      settings: { maxVotesPerRequest: 100 },
    },
    adminToken,
  );
  const contestantIds: string[] = [];
  for (let i = 0; i < options.contestants; i++) {
    contestantIds.push((await api<{ contestantId: string }>(base, 'POST', `/api/events/${eventId}/contestants`, { name: `Contestant ${i + 1}` }, adminToken)).contestantId);
  }
  await api(base, 'POST', '/api/admin/events/status', { eventId, status: 'open' }, adminToken);
  const password = `bench-${randomUUID()}`;
  const run = randomUUID().slice(0, 8);
  const voters = await inParallel(
    Array.from({ length: options.voters }, (_, i) => i),
    8,
    async (i) => {
      const email = `voter${i}-${run}@bench.test`;
      const { userId } = await api<{ userId: string }>(base, 'POST', '/api/auth/signup', { email, password });
      const token = await login(base, email, password);
      await api(base, 'POST', '/api/admin/credits/grant', { userId, credits: options.credits, reason: 'bench' }, adminToken, { 'idempotency-key': `bench-${userId}` });
      return { userId, token };
    },
  );
  return { eventId, contestantIds, voters, adminToken };
}

/** Sum of the votes the public leaderboard shows for the event. */
export async function leaderboardTotal(base: string, eventId: string): Promise<number> {
  const view = await api<{ items: { votes: number }[] }>(base, 'GET', `/api/leaderboard/event/${eventId}`);
  return view.items.reduce((sum, item) => sum + item.votes, 0);
}
