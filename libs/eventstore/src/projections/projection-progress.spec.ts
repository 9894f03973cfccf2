import { ProjectionProgress } from './projection-progress';

const P1 = '00000000000000000812:0000000000000000001';
const P2 = '00000000000000000812:0000000000000000002';

describe('ProjectionProgress', () => {
  it('only moves forwards, and forgets a projection this process stops running', () => {
    const progress = new ProjectionProgress();
    expect(progress.appliedThrough('votes')).toBeUndefined();
    progress.advance('votes', P2);
    progress.advance('votes', P1);
    progress.advance('votes', null);
    expect(progress.appliedThrough('votes')).toBe(P2);
    progress.forget('votes');
    expect(progress.appliedThrough('votes')).toBeUndefined();
  });

  it('wakes a waiter at the next advance, long before its timeout', async () => {
    const progress = new ProjectionProgress();
    const started = Date.now();
    const waited = progress.nextAdvance(10_000);
    setTimeout(() => progress.advance('votes', P1), 5);
    await waited;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up at the timeout when nothing advances', async () => {
    const started = Date.now();
    await new ProjectionProgress().nextAdvance(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
