import { DEFAULT_CLUSTER_RULE, detectIpClusters, gapStatistics, MAX_VOTES_PER_FINDING, ObservedVote } from './ip-cluster.detect';

const START = Date.parse('2026-03-01T12:00:00.000Z');

function votes(count: number, options: { ip?: string; contestantId?: string; accounts?: number; gapMs?: (i: number) => number } = {}): ObservedVote[] {
  const { ip = '203.0.113.7', contestantId = 'c1', accounts = count, gapMs = () => 2000 } = options;
  let at = START;
  return Array.from({ length: count }, (_, i) => {
    at += gapMs(i);
    return { voteId: `${ip}-${contestantId}-${i}`, userId: `u${i % accounts}`, amount: 1, castAt: new Date(at).toISOString(), contestId: 'e1', contestantId, clientIp: ip };
  });
}

describe('ip cluster detection', () => {
  it('voids many accounts voting from one address for one contestant at a regular beat', () => {
    const [finding, ...more] = detectIpClusters(votes(6), DEFAULT_CLUSTER_RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ patternType: 'ip-cluster-metronomic', action: 'void', contestantId: 'c1', evidence: { clientIp: '203.0.113.7', accounts: 6, votes: 6, meanGapMs: 2000, gapCv: 0 } });
    expect(finding.votes.map((v) => v.voteId)).toEqual(votes(6).map((v) => v.voteId));
  });

  it('holds the same cluster at an irregular beat (a shared network is possible)', () => {
    const irregular = votes(6, { gapMs: (i) => [1000, 9000, 3000, 27000, 2000, 15000][i] });
    expect(detectIpClusters(irregular, DEFAULT_CLUSTER_RULE)).toEqual([expect.objectContaining({ patternType: 'ip-cluster', action: 'hold' })]);
  });

  it('finds nothing below the account threshold, across addresses or across contestants', () => {
    expect(detectIpClusters(votes(12, { accounts: 4 }), DEFAULT_CLUSTER_RULE)).toEqual([]);
    const spread = [...votes(3, { ip: '198.51.100.1' }), ...votes(3, { ip: '198.51.100.2' })];
    expect(detectIpClusters(spread, DEFAULT_CLUSTER_RULE)).toEqual([]);
    const split = [...votes(3, { contestantId: 'c1' }), ...votes(3, { contestantId: 'c2' })];
    expect(detectIpClusters(split, DEFAULT_CLUSTER_RULE)).toEqual([]);
  });

  it('splits a big cluster into findings of at most MAX_VOTES_PER_FINDING votes, keeping every vote once', () => {
    const big = votes(MAX_VOTES_PER_FINDING + 7, { accounts: 50 });
    const findings = detectIpClusters(big, DEFAULT_CLUSTER_RULE);
    expect(findings.map((f) => f.votes.length)).toEqual([MAX_VOTES_PER_FINDING, 7]);
    expect(new Set(findings.flatMap((f) => f.votes.map((v) => v.voteId))).size).toBe(big.length);
  });

  it('measures no beat for a single gap of zero or a single vote', () => {
    expect(gapStatistics([START]).gapCv).toBe(Number.POSITIVE_INFINITY);
    expect(gapStatistics([START, START, START]).gapCv).toBe(Number.POSITIVE_INFINITY);
    expect(gapStatistics([START, START + 1000, START + 3000])).toEqual({ meanGapMs: 1500, gapCv: 0.3333 });
  });
});
