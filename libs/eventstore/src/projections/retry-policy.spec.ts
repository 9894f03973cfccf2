import { isTransientFailure, retryDelay, sleep, StoppedError } from './retry-policy';

describe('projection retry policy', () => {
  it('doubles the delay per attempt from the base, within ±20 % jitter, up to the cap', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 100, 10_000, low))).toEqual([80, 160, 320, 640]);
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 100, 10_000, high))).toEqual([120, 240, 480, 960]);
    expect(retryDelay(20, 100, 5_000, () => 0.5)).toBe(5_000);
  });

  it.each([
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '08006', message: 'connection failure' }],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }],
    [new Error('Connection terminated unexpectedly')],
    [{ sqlState: '40P01', message: 'deadlock detected' }],
    [new Error('wrapped', { cause: { code: '53300', message: 'too many connections' } })],
  ])('treats infrastructure failures as transient: %j', (error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    [new TypeError("Cannot read properties of undefined (reading 'contestId')")],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }],
    ['a string'],
    [null],
  ])('treats projection and data errors as permanent: %j', (error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('wakes a sleeping runner as soon as it is stopped', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(StoppedError);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(sleep(5, abort.signal)).rejects.toBeInstanceOf(StoppedError);
    await expect(sleep(5)).resolves.toBeUndefined();
  });
});
