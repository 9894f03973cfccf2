import { scoreVotePattern } from './vote-pattern.signal';

const t0 = Date.parse('2026-03-01T20:00:00Z');

describe('scoreVotePattern', () => {
  it('sees nothing in a first vote or in votes minutes apart', () => {
    expect(scoreVotePattern({ recentVoteTimesMs: [t0], lastPurchaseAtMs: null }).risk).toBe(0);
    expect(scoreVotePattern({ recentVoteTimesMs: [t0, t0 + 180_000, t0 + 420_000], lastPurchaseAtMs: null }).risk).toBe(0);
  });

  it('flags a metronome, surer with every even gap: full at six gaps of exactly twelve seconds', () => {
    const times = (gaps: number) => Array.from({ length: gaps + 1 }, (_, i) => t0 + i * 12_000);
    expect(scoreVotePattern({ recentVoteTimesMs: times(3), lastPurchaseAtMs: null }).risk).toBe(0.25);
    expect(scoreVotePattern({ recentVoteTimesMs: times(4), lastPurchaseAtMs: null }).risk).toBe(0.5);
    const result = scoreVotePattern({ recentVoteTimesMs: times(6), lastPurchaseAtMs: null });
    expect(result.risk).toBe(1);
    expect(result.inputs).toMatchObject({ gapCv: 0, minGapMs: 12_000 });
  });

  it('calls votes at one instant rapid, not a rhythm', () => {
    const result = scoreVotePattern({ recentVoteTimesMs: Array(8).fill(t0), lastPurchaseAtMs: null });
    expect(result).toMatchObject({ risk: 0.6, inputs: { minGapMs: 0, gapCv: null } });
  });

  it('does not call uneven gaps a rhythm', () => {
    expect(scoreVotePattern({ recentVoteTimesMs: [0, 40, 95, 190, 230, 400, 450].map((s) => t0 + s * 1000), lastPurchaseAtMs: null }).risk).toBe(0);
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
