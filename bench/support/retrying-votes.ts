import { Agent } from 'node:http';
import { LoadRequest, send } from './load';
import { sleep } from './server';
import { VoteTraffic } from './vote-load';

/** What a closed vote loop saw: every answer by status, 503s without Retry-After, idempotent replays. */
export interface RetryTally {
  requests: number;
  statuses: Map<number, number>;
  missingRetryAfter: number;
  replayed: number;
}

export const newRetryTally = (): RetryTally => ({ requests: 0, statuses: new Map(), missingRetryAfter: 0, replayed: 0 });

/**
 * Votes in a closed loop on `connections` keep-alive connections until stopped, behaving as the
 * API asks a client to: a 503 is retried with the same Idempotency-Key after Retry-After (at most
 * 1 s here), no answer or a 409 after 200 ms; any other answer is final for that key. Used by the
 * fault and failover drills, which then check every 201 against the event log.
 */
export function voteContinuously(base: string, traffic: VoteTraffic, tally: RetryTally, connections: number, stopped: () => boolean): Promise<void> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return Promise.all(
    Array.from({ length: connections }, async (_, connection) => {
      while (!stopped()) {
        const request: LoadRequest = traffic.request(connection);
        for (let attempt = 0; attempt < 60; attempt++) {
          const response = await send(agent, url, request, 10_000);
          tally.requests++;
          tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) {
            if (response.headers['idempotent-replayed'] === 'true') tally.replayed++;
            traffic.onResponse(response, request, connection);
            break;
          }
          if (response.status === 503) {
            const retryAfter = Number(response.headers['retry-after']);
            if (!Number.isFinite(retryAfter)) tally.missingRetryAfter++;
            await sleep(Math.min(Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000, 1000));
            continue;
          }
          if (response.status === 0 || response.status === 409) {
            await sleep(200);
            continue;
          }
          break;
        }
      }
    }),
  ).then(() => agent.destroy());
}

/** "201×1295 503×48" */
export function formatTally(tally: RetryTally): string {
  return [...tally.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'no-response' : status}×${count}`)
    .join(' ');
}
