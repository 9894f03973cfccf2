import { ReadPositionWaiter } from '@tally/eventstore';
import { PUSH_AUDIENCE_PROJECTION } from '../projections/push-audience/push-audience.projection';

/** How long a reaction waits for the audience projection to reach its event before failing (and being retried). */
const AUDIENCE_WAIT_MS = 30_000;

/**
 * Waits until `notifications-audience` has applied the log up to `position`, so every vote,
 * follow and subscription before the event counts; throws otherwise, and the runner retries.
 */
export async function awaitAudienceAt(waiter: ReadPositionWaiter, position: string): Promise<void> {
  if (!(await waiter.waitFor([PUSH_AUDIENCE_PROJECTION], position, AUDIENCE_WAIT_MS))) {
    throw new Error(`${PUSH_AUDIENCE_PROJECTION} has not reached ${position} after ${AUDIENCE_WAIT_MS} ms`);
  }
}

/** Older than the push services would keep it (a replay long after, a reactor re-run from the start): news no more. */
export function olderThanPushTtl(event: { createdAt: Date }, now: Date, ttlSeconds: number): boolean {
  return now.getTime() - event.createdAt.getTime() > ttlSeconds * 1000;
}
