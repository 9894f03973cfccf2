import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { CommandRunner } from '@tally/eventstore';
import { ContestFacts } from '../domain/contest-facts';
import { JudgingState, judgingDecider, juryInputOf, scoresOf } from '../domain/judging.state';
import { PhaseName } from '../domain/judging.events';
import { judgingStream } from '../domain/judging.streams';
import { computeJury, JuryResult } from '../domain/jury-scores';
import { ScoringFacts } from '../facts/scoring-facts';
import { RankedContestant, rankContestants, RankingKind } from '../ranking/scoring-ranking';
import { ScoringError } from '../scoring.errors';

export interface ScoringLeaderboardView {
  eventId: string;
  ranking: RankingKind;
  blend: { juryWeight: number; publicWeight: number };
  revealedAt: string;
  finalised: boolean;
  items: (RankedContestant & { change: number })[];
}

export interface JudgingView {
  contest: ContestFacts;
  state: JudgingState;
  jury: JuryResult;
}

/**
 * Reads of an event's scoring, from its judging stream (folded and cached by revision, so a
 * read follows a write at once) and voting's facts. The jury's numbers stay hidden from
 * everybody until the reveal; the commitments are public from the lock.
 */
@Injectable()
export class ScoringReader {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    private readonly orm: MikroORM,
  ) {}

  async judging(tenantId: string, contestId: string): Promise<JudgingView> {
    const contest = await this.facts.contest(tenantId, contestId);
    const { state } = await this.runner.load(judgingDecider, judgingStream(tenantId, contestId));
    if (!state.exists) throw new ScoringError('SCORING.NOT_FOUND', 'This event has no jury scoring');
    return { contest, state, jury: computeJury(juryInputOf(state)) };
  }

  async revealed(tenantId: string, contestId: string): Promise<JudgingView> {
    const view = await this.judging(tenantId, contestId);
    if (!view.state.revealed) throw new ScoringError('SCORING.NOT_REVEALED', 'The jury scores are hidden until they are revealed after voting closes');
    return view;
  }

  async leaderboard(tenantId: string, contestId: string, kind: RankingKind): Promise<ScoringLeaderboardView> {
    const view = await this.revealed(tenantId, contestId);
    return {
      eventId: contestId,
      ranking: kind,
      blend: { ...view.state.blend },
      revealedAt: view.state.revealedAt ?? '',
      finalised: view.state.finalised,
      items: await this.ranking(kind, view, tenantId),
    };
  }

  /** The ranking with `change`: places gained (+) or lost (−) since the last recalculation. */
  async ranking(kind: RankingKind, view: JudgingView, tenantId: string): Promise<(RankedContestant & { change: number })[]> {
    const votes = await this.facts.votes(tenantId, view.contest.contestId);
    const ranked = rankContestants(kind, view.contest, view.jury.jury, votes, view.state.blend);
    const baselines = await this.orm.em
      .getConnection()
      .execute<{ contestant_id: string; rank: number }[]>('select contestant_id, rank from scoring_rank_baselines where event_id = ? and ranking = ? and tenant_id = ?', [view.contest.contestId, kind, tenantId]);
    const before = new Map(baselines.map((row) => [row.contestant_id, Number(row.rank)]));
    return ranked.map((entry) => {
      const baseline = before.get(entry.contestantId);
      return { ...entry, change: baseline === undefined ? 0 : baseline - entry.rank };
    });
  }

  /** Public from the lock: each judge's commitment; the salt and the canonical bytes once revealed, so anyone can check one against the other. */
  async commitments(tenantId: string, contestId: string): Promise<CommitmentsView> {
    const { state } = await this.judging(tenantId, contestId);
    const revealed = new Map((state.revealed ?? []).map((r) => [`${r.phase}|${r.judgeId}`, r]));
    return {
      eventId: contestId,
      revealedAt: state.revealedAt,
      items: [...state.locks.values()].map((lock) => {
        const shown = revealed.get(`${lock.phase}|${lock.judgeId}`);
        return { phase: lock.phase, judgeId: lock.judgeId, commitment: lock.commitment, scoreCount: scoresOf(state, lock.phase, lock.judgeId).length, lockedAt: lock.at, salt: shown?.salt ?? null, canonical: shown?.canonical ?? null };
      }),
    };
  }

  /** A judge's own scores, per phase they judge, with whether they are locked. */
  async ownScores(tenantId: string, contestId: string, judgeId: string): Promise<OwnScoresView> {
    const { state } = await this.judging(tenantId, contestId);
    const phases = [...state.phases.values()].filter((phase) => phase.judges.has(judgeId));
    return {
      eventId: contestId,
      judgeId,
      phases: phases.map((phase) => {
        const lock = state.locks.get(`${phase.phase}|${judgeId}`);
        return {
          phase: phase.phase,
          closed: phase.closed,
          lockedAt: lock?.at ?? null,
          commitment: lock?.commitment ?? null,
          scores: scoresOf(state, phase.phase, judgeId).map(({ scoreId, contestantId, scoreTypeId, value, at }) => ({ scoreId, contestantId, scoreTypeId, value, submittedAt: at })),
        };
      }),
    };
  }

  /** The organizer's and auditor's report once revealed: every contestant's scores per phase and type, the adjustments with their reasons, and the blend. */
  async report(tenantId: string, contestId: string): Promise<ScoringReportView> {
    const view = await this.revealed(tenantId, contestId);
    const ranked = await this.ranking('blended', view, tenantId);
    const { state, jury } = view;
    return {
      eventId: contestId,
      revealedAt: state.revealedAt ?? '',
      finalised: state.finalised,
      blend: { ...state.blend },
      scoreTypes: [...state.scoreTypes.values()].map((t) => ({ ...t })),
      phases: [...state.phases.values()].map((p) => ({ phase: p.phase, carryOver: p.carryOver, weights: { ...p.weights }, closed: p.closed, judges: [...p.judges] })),
      contestants: ranked.map((entry) => ({
        ...entry,
        phases: jury.phases
          .filter((p) => p.contestantId === entry.contestantId)
          .map(({ phase, score, adjustment, adjusted, cumulative }) => ({
            phase,
            score,
            adjustment,
            adjusted,
            cumulative,
            types: jury.types.filter((t) => t.phase === phase && t.contestantId === entry.contestantId).map(({ scoreTypeId, normalised, weighted }) => ({ scoreTypeId, normalised, weighted })),
          })),
      })),
      adjustments: state.adjustments.map((a) => ({ ...a })),
    };
  }
}

export interface CommitmentsView {
  eventId: string;
  revealedAt: string | null;
  items: { phase: PhaseName; judgeId: string; commitment: string; scoreCount: number; lockedAt: string; salt: string | null; canonical: string | null }[];
}

export interface OwnScoresView {
  eventId: string;
  judgeId: string;
  phases: { phase: PhaseName; closed: boolean; lockedAt: string | null; commitment: string | null; scores: { scoreId: string; contestantId: string; scoreTypeId: string; value: number; submittedAt: string }[] }[];
}

export interface ScoringReportView {
  eventId: string;
  revealedAt: string;
  finalised: boolean;
  blend: { juryWeight: number; publicWeight: number };
  scoreTypes: { scoreTypeId: string; name: string; scaleMin: number; scaleMax: number; weight: number; calculationMethod: string }[];
  phases: { phase: PhaseName; carryOver: number; weights: Record<string, number>; closed: boolean; judges: string[] }[];
  contestants: (RankedContestant & {
    change: number;
    phases: { phase: PhaseName; score: number; adjustment: number; adjusted: number; cumulative: number; types: { scoreTypeId: string; normalised: number; weighted: number }[] }[];
  })[];
  adjustments: { adjustmentId: string; phase: PhaseName; contestantId: string; points: number; reason: string; by: string | null; at: string }[];
}
