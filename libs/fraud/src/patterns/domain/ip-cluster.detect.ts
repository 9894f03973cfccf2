import { PatternAction, PatternEvidence, PatternType, PatternVote } from './suspicious-pattern.events';

/** A vote still counted or held, as pattern detection sees it. */
export interface ObservedVote extends PatternVote {
  contestId: string;
  contestantId: string;
  clientIp: string;
}

export interface ClusterRule {
  /** Distinct accounts from one address for one contestant that make a cluster. */
  minAccounts: number;
  /** At or below this coefficient of variation of the gaps between votes, the beat is a machine's. */
  maxGapCv: number;
  windowMinutes: number;
}

export const DEFAULT_CLUSTER_RULE: ClusterRule = { minAccounts: 5, maxGapCv: 0.1, windowMinutes: 120 };

/** Findings are split so that one event stays small; a bigger cluster makes several findings. */
export const MAX_VOTES_PER_FINDING = 500;

export interface ClusterFinding {
  patternType: PatternType;
  action: PatternAction;
  contestId: string;
  contestantId: string;
  votes: PatternVote[];
  evidence: PatternEvidence;
}

/**
 * Many accounts voting from one client address for one contestant: at a regular beat (the gaps
 * between their votes vary by at most `maxGapCv` of their mean) it is a script, and the votes are
 * voided; at an irregular beat it may be a shared network (a campus, a carrier's NAT), so the
 * votes are held for a person to review. Pure: the votes come in, the findings go out.
 */
export function detectIpClusters(votes: readonly ObservedVote[], rule: ClusterRule): ClusterFinding[] {
  const groups = new Map<string, ObservedVote[]>();
  for (const vote of votes) {
    const key = `${vote.contestId}|${vote.contestantId}|${vote.clientIp}`;
    const group = groups.get(key);
    if (group) group.push(vote);
    else groups.set(key, [vote]);
  }
  const findings: ClusterFinding[] = [];
  for (const group of groups.values()) {
    const accounts = new Set(group.map((vote) => vote.userId)).size;
    if (accounts < rule.minAccounts) continue;
    const ordered = [...group].sort((a, b) => a.castAt.localeCompare(b.castAt) || a.voteId.localeCompare(b.voteId));
    const { meanGapMs, gapCv } = gapStatistics(ordered.map((vote) => Date.parse(vote.castAt)));
    const metronomic = gapCv <= rule.maxGapCv;
    const evidence: PatternEvidence = {
      clientIp: ordered[0].clientIp,
      accounts,
      votes: ordered.length,
      firstVoteAt: ordered[0].castAt,
      lastVoteAt: ordered[ordered.length - 1].castAt,
      meanGapMs,
      gapCv,
      rule: { minAccounts: rule.minAccounts, maxGapCv: rule.maxGapCv, windowMinutes: rule.windowMinutes },
    };
    for (let start = 0; start < ordered.length; start += MAX_VOTES_PER_FINDING) {
      findings.push({
        patternType: metronomic ? 'ip-cluster-metronomic' : 'ip-cluster',
        action: metronomic ? 'void' : 'hold',
        contestId: ordered[0].contestId,
        contestantId: ordered[0].contestantId,
        votes: ordered.slice(start, start + MAX_VOTES_PER_FINDING).map(({ voteId, userId, amount, castAt }) => ({ voteId, userId, amount, castAt })),
        evidence,
      });
    }
  }
  return findings;
}

/** Mean gap and its coefficient of variation, rounded to what the evidence shows (ms; 4 decimals). */
export function gapStatistics(timesMs: readonly number[]): { meanGapMs: number; gapCv: number } {
  const gaps = timesMs.slice(1).map((time, i) => time - timesMs[i]);
  if (gaps.length === 0) return { meanGapMs: 0, gapCv: Number.POSITIVE_INFINITY };
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  // Votes at the same instant are a burst, not a beat: no regularity to measure.
  if (mean === 0) return { meanGapMs: 0, gapCv: Number.POSITIVE_INFINITY };
  const variance = gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / gaps.length;
  return { meanGapMs: Math.round(mean), gapCv: Math.round((Math.sqrt(variance) / mean) * 10_000) / 10_000 };
}
