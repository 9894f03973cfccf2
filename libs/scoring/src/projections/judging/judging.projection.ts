import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { DEFAULT_BLEND } from '../../domain/judging.state';
import { JUDGING_EVENT_TYPES, JudgingEvent, PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import { computeJury, JuryInput } from '../../domain/jury-scores';

export const JUDGING_PROJECTION = 'scoring-judging';

/**
 * The scoring read models from the judging streams: score types, phases, judges with their
 * commitments (salts and canonical bytes only once revealed), raw scores, adjustments,
 * snapshots; then, for every event whose jury result may have changed, `normalized_scores`
 * and `jury_results` recomputed from those tables with the same pure computation the
 * commands use (locked scores only). Every write is an upsert or a recomputation from rows,
 * so a rebuild gives the same tables.
 */
@RegisteredProjection()
export class JudgingProjection implements Projection {
  readonly name = JUDGING_PROJECTION;
  readonly version = 1;
  readonly filter = { streamPrefixes: ['judging-'], eventTypes: [...JUDGING_EVENT_TYPES] };
  readonly tables = ['scoring_contests', 'score_types', 'judging_phases', 'judge_assignments', 'raw_scores', 'score_adjustments', 'normalized_scores', 'jury_results', 'scoring_snapshots'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const touched = new Map<string, string>();
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as JudgingEvent;
      const tenantId = recorded.metadata.tenantId;
      await em.execute(
        `insert into scoring_contests (event_id, tenant_id, jury_weight, public_weight, revealed_at, finalised_at, updated_at) values (?, ?, ?, ?, null, null, ?) on conflict (event_id) do nothing`,
        [event.data.contestId, tenantId, DEFAULT_BLEND.juryWeight, DEFAULT_BLEND.publicWeight, event.data.at],
      );
      if (await applyEvent(em, tenantId, event)) touched.set(event.data.contestId, tenantId);
    }
    for (const [contestId, tenantId] of touched) await recomputeJury(em, tenantId, contestId);
  }
}

/** Returns whether the jury result may have changed. */
async function applyEvent(em: EntityManager, tenantId: string, event: JudgingEvent): Promise<boolean> {
  switch (event.type) {
    case 'ScoreTypeDefined': {
      const d = event.data;
      await em.execute(
        `insert into score_types (score_type_id, tenant_id, event_id, name, scale_min, scale_max, weight, calculation_method, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (score_type_id) do nothing`,
        [d.scoreTypeId, tenantId, d.contestId, d.name, d.scaleMin, d.scaleMax, d.weight, d.calculationMethod, d.at],
      );
      return true;
    }
    case 'PhaseDefined': {
      const d = event.data;
      await em.execute(
        `insert into judging_phases (event_id, phase, tenant_id, position, carry_over, weights, closed_at, defined_at) values (?, ?, ?, ?, ?, ?, null, ?) on conflict (event_id, phase) do nothing`,
        [d.contestId, d.phase, tenantId, PHASE_NAMES.indexOf(d.phase), d.carryOver, JSON.stringify(d.weights), d.at],
      );
      return true;
    }
    case 'JudgeAssigned':
      await em.execute(
        `insert into judge_assignments (event_id, phase, judge_id, tenant_id, assigned_at) values (?, ?, ?, ?, ?) on conflict (event_id, phase, judge_id) do nothing`,
        [event.data.contestId, event.data.phase, event.data.judgeId, tenantId, event.data.at],
      );
      return false;
    case 'ScoreSubmitted': {
      const d = event.data;
      await em.execute(
        `insert into raw_scores (score_id, tenant_id, event_id, phase, contestant_id, score_type_id, value, judge_id, created_at, updated_at, locked) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)
         on conflict (score_id) do update set value = excluded.value, updated_at = excluded.updated_at`,
        [d.scoreId, tenantId, d.contestId, d.phase, d.contestantId, d.scoreTypeId, d.value, d.judgeId, d.at, d.at],
      );
      return false;
    }
    case 'JudgeScoresLocked': {
      const d = event.data;
      // The salt stays out of the read model until the reveal: with it, the commitment would give the scores away.
      await em.execute(`update judge_assignments set locked_at = ?, commitment = ?, score_count = ? where event_id = ? and phase = ? and judge_id = ?`, [d.at, d.commitment, d.scoreCount, d.contestId, d.phase, d.judgeId]);
      await em.execute(`update raw_scores set locked = true where event_id = ? and phase = ? and judge_id = ?`, [d.contestId, d.phase, d.judgeId]);
      return true;
    }
    case 'ScoreAdjusted': {
      const d = event.data;
      await em.execute(
        `insert into score_adjustments (adjustment_id, tenant_id, event_id, phase, contestant_id, points, reason, adjusted_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (adjustment_id) do nothing`,
        [d.adjustmentId, tenantId, d.contestId, d.phase, d.contestantId, d.points, d.reason, d.by, d.at],
      );
      return true;
    }
    case 'PhaseClosed':
      await em.execute(`update judging_phases set closed_at = ? where event_id = ? and phase = ?`, [event.data.at, event.data.contestId, event.data.phase]);
      return false;
    case 'BlendConfigured':
      await em.execute(`update scoring_contests set jury_weight = ?, public_weight = ?, updated_at = ? where event_id = ?`, [event.data.juryWeight, event.data.publicWeight, event.data.at, event.data.contestId]);
      return false;
    case 'JuryScoresRevealed': {
      const d = event.data;
      await em.execute(`update scoring_contests set revealed_at = ?, updated_at = ? where event_id = ?`, [d.at, d.at, d.contestId]);
      for (const reveal of d.reveals) {
        await em.execute(`update judge_assignments set salt = ?, canonical = ?, revealed_at = ? where event_id = ? and phase = ? and judge_id = ?`, [reveal.salt, reveal.canonical, d.at, d.contestId, reveal.phase, reveal.judgeId]);
      }
      return false;
    }
    case 'ScoringFinalised':
      await em.execute(`update scoring_contests set finalised_at = ?, updated_at = ? where event_id = ?`, [event.data.at, event.data.at, event.data.contestId]);
      return false;
    case 'RankingSnapshotTaken': {
      const d = event.data;
      await em.execute(
        `insert into scoring_snapshots (snapshot_id, tenant_id, event_id, reason, phase, taken_at, items) values (?, ?, ?, ?, ?, ?, ?) on conflict (snapshot_id) do nothing`,
        [d.snapshotId, tenantId, d.contestId, d.reason, d.phase, d.at, JSON.stringify(d.items)],
      );
      return false;
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown judging event ${(unknown as { type: string }).type}`);
    }
  }
}

interface TypeRow {
  score_type_id: string;
  scale_min: number;
  scale_max: number;
  weight: number;
  calculation_method: JuryInput['scoreTypes'][number]['calculationMethod'];
}

/** normalized_scores and jury_results of one event, from its locked raw scores, types, phases and adjustments. */
async function recomputeJury(em: EntityManager, tenantId: string, contestId: string): Promise<void> {
  // One after another: they share the batch's transaction, whose connection takes one query at a time.
  const types = await em.execute<TypeRow[]>(`select score_type_id, scale_min, scale_max, weight, calculation_method from score_types where event_id = ? order by score_type_id`, [contestId]);
  const phases = await em.execute<{ phase: PhaseName; carry_over: number; weights: Record<string, number> | string }[]>(`select phase, carry_over, weights from judging_phases where event_id = ? order by position`, [contestId]);
  const scores = await em.execute<{ phase: PhaseName; judge_id: string; contestant_id: string; score_type_id: string; value: number }[]>(
    `select phase, judge_id, contestant_id, score_type_id, value from raw_scores where event_id = ? and locked order by score_id`,
    [contestId],
  );
  const adjustments = await em.execute<{ phase: PhaseName; contestant_id: string; points: number }[]>(`select phase, contestant_id, points from score_adjustments where event_id = ? order by adjustment_id`, [contestId]);
  const result = computeJury({
    scoreTypes: types.map((t) => ({ scoreTypeId: t.score_type_id, scaleMin: Number(t.scale_min), scaleMax: Number(t.scale_max), weight: Number(t.weight), calculationMethod: t.calculation_method })),
    phases: phases.map((p) => ({ phase: p.phase, carryOver: Number(p.carry_over), weights: typeof p.weights === 'string' ? (JSON.parse(p.weights) as Record<string, number>) : p.weights })),
    scores: scores.map((s) => ({ phase: s.phase, judgeId: s.judge_id, contestantId: s.contestant_id, scoreTypeId: s.score_type_id, value: Number(s.value) })),
    adjustments: adjustments.map((a) => ({ phase: a.phase, contestantId: a.contestant_id, points: Number(a.points) })),
  });
  await em.execute(`delete from normalized_scores where event_id = ?`, [contestId]);
  await em.execute(`delete from jury_results where event_id = ?`, [contestId]);
  for (const t of result.types) {
    await em.execute(
      `insert into normalized_scores (normalized_id, tenant_id, event_id, phase, contestant_id, score_type_id, final_score, weighted_score) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [deterministicUuid('tally-normalized-score', contestId, t.phase, t.contestantId, t.scoreTypeId), tenantId, contestId, t.phase, t.contestantId, t.scoreTypeId, t.normalised, t.weighted],
    );
  }
  const contestants = new Set([...result.phases.map((p) => p.contestantId)]);
  for (const contestantId of contestants) {
    const phaseScores = result.phases.filter((p) => p.contestantId === contestantId).map(({ phase, score, adjustment, adjusted, cumulative }) => ({ phase, score, adjustment, adjusted, cumulative }));
    await em.execute(`insert into jury_results (event_id, contestant_id, tenant_id, phase_scores, jury_score) values (?, ?, ?, ?, ?)`, [
      contestId,
      contestantId,
      tenantId,
      JSON.stringify(phaseScores),
      result.jury.get(contestantId) ?? 0,
    ]);
  }
}
