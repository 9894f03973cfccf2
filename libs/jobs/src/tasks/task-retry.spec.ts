import { nextAfterFailure } from './task-retry';

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const dead = { maxRevivals: 2, baseDelayMs: 300_000, maxDelayMs: 21_600_000 };
const middle = () => 0.5;

describe('what follows a failed task', () => {
  it('retries with exponential backoff while attempts last, capped', () => {
    expect([1, 2].map((attempts) => nextAfterFailure({ attempts, revivals: 0 }, policy, dead, middle))).toEqual([
      { status: 'retrying', retryInMs: 100 },
      { status: 'retrying', retryInMs: 200 },
    ]);
    expect(nextAfterFailure({ attempts: 9, revivals: 0 }, { ...policy, maxAttempts: 10 }, dead, middle)).toEqual({ status: 'retrying', retryInMs: 1_000 });
  });

  it('jitters each delay within ±20 %', () => {
    expect(nextAfterFailure({ attempts: 2, revivals: 0 }, policy, dead, () => 0).retryInMs).toBe(160);
    expect(nextAfterFailure({ attempts: 2, revivals: 0 }, policy, dead, () => 0.999999).retryInMs).toBe(240);
  });

  it('is dead after the last attempt, with the sweep retrying it later each time, then never', () => {
    expect(nextAfterFailure({ attempts: 3, revivals: 0 }, policy, dead, middle)).toEqual({ status: 'dead', retryInMs: 300_000 });
    expect(nextAfterFailure({ attempts: 4, revivals: 1 }, policy, dead, middle)).toEqual({ status: 'dead', retryInMs: 600_000 });
    expect(nextAfterFailure({ attempts: 5, revivals: 2 }, policy, dead, middle)).toEqual({ status: 'dead', retryInMs: null });
    expect(nextAfterFailure({ attempts: 3, revivals: 0 }, policy, { ...dead, maxRevivals: 0 }, middle)).toEqual({ status: 'dead', retryInMs: null });
  });
});
