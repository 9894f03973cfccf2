import { scoreVotePattern } from './vote-pattern.signal';

const t0 = Date.parse('2026-03-01T20:00:00Z');

describe('scoreVotePattern', () => {
  it('sees nothing in a first vote or in votes minutes apart', () => {
    expect(scoreVotePattern({ recentVoteTimesMs: [t0], lastPurchaseAtMs: null }).risk).toBe(0);
    expect(scoreVotePattern({ recentVoteTimesMs: [t0, t0 + 180_000, t0 + 420_000], lastPurchaseAtMs: null }).risk).toBe(0);
  });

  it('flags a metronome: four gaps of exactly one second', () => {
    const result = scoreVotePattern({ recentVoteTimesMs: [0, 1, 2, 3, 4].map((i) => t0 + i * 1000), lastPurchaseAtMs: null });
    expect(result.risk).toBe(1);
    expect(result.inputs).toMatchObject({ gapCv: 0, minGapMs: 1000 });
  });

  it('weighs uneven rapid votes less than a rhythm', () => {
    const result = scoreVotePattern({ recentVoteTimesMs: [t0, t0 + 200, t0 + 5000, t0 + 30_000], lastPurchaseAtMs: null });
    expect(result.risk).toBe(0.6);
  });

  it('flags a burst right after a credit purchase', () => {
    const times = [t0 + 10_000, t0 + 14_000, t0 + 31_000, t0 + 45_000, t0 + 50_000];
    const result = scoreVotePattern({ recentVoteTimesMs: times, lastPurchaseAtMs: t0 });
    expect(result.inputs).toMatchObject({ votesSincePurchase: 5, sincePurchaseMs: 50_000 });
    expect(result.risk).toBeGreaterThanOrEqual(0.5);
  });
});
