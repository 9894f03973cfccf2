import { scoreIpVelocity } from './ip-velocity.signal';

describe('scoreIpVelocity', () => {
  const base = { ip: '81.2.69.160', votesInWindow: 1, accountsInWindow: 1, windowSeconds: 600 };

  it('sees nothing in one voter voting a few times', () => {
    expect(scoreIpVelocity(base).risk).toBe(0);
  });

  it('rises with the accounts behind one address and is full at ten', () => {
    expect(scoreIpVelocity({ ...base, accountsInWindow: 5 }).risk).toBeCloseTo(2 / 7, 3);
    expect(scoreIpVelocity({ ...base, accountsInWindow: 10 }).risk).toBe(1);
  });

  it('rises with the votes from one address', () => {
    expect(scoreIpVelocity({ ...base, votesInWindow: 75 }).risk).toBe(0.5);
    expect(scoreIpVelocity({ ...base, votesInWindow: 500 }).risk).toBe(1);
  });

  it('says nothing of an address that is not a public one, and records why', () => {
    const result = scoreIpVelocity({ ...base, ip: null, accountsInWindow: 50 });
    expect(result).toMatchObject({ risk: 0, reason: 'no public client address', inputs: { ip: null, accountsInWindow: 50 } });
  });
});
