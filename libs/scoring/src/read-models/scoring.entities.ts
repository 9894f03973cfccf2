import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The scoring read models; the projection and the recalculation write them with SQL, these describe them for the schema. */
@Entity({ tableName: 'scoring_contests' })
export class ScoringContestRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'double' }) juryWeight!: number;
  @Property({ type: 'double' }) publicWeight!: number;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) revealedAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) finalisedAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'score_types' })
export class ScoreTypeRow {
  @PrimaryKey({ type: 'uuid' }) scoreTypeId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'double' }) scaleMin!: number;
  @Property({ type: 'double' }) scaleMax!: number;
  @Property({ type: 'double' }) weight!: number;
  @Property({ type: 'text' }) calculationMethod!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

@Entity({ tableName: 'judging_phases' })
export class JudgingPhaseRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @PrimaryKey({ type: 'text' }) phase!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'integer' }) position!: number;
  @Property({ type: 'double' }) carryOver!: number;
  @Property({ type: 'json' }) weights!: Record<string, number>;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) definedAt!: Date;
}

@Entity({ tableName: 'judge_assignments' })
export class JudgeAssignmentRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @PrimaryKey({ type: 'text' }) phase!: string;
  @PrimaryKey({ type: 'uuid' }) judgeId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) assignedAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) lockedAt!: Date | null;
  @Property({ type: 'text', nullable: true }) commitment!: string | null;
  @Property({ type: 'integer', nullable: true }) scoreCount!: number | null;
  @Property({ type: 'text', nullable: true }) salt!: string | null;
  @Property({ type: 'text', nullable: true }) canonical!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) revealedAt!: Date | null;
}

@Entity({ tableName: 'raw_scores' })
@Index({ properties: ['eventId', 'judgeId'] })
export class RawScoreRow {
  @PrimaryKey({ type: 'uuid' }) scoreId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'text' }) phase!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'uuid' }) scoreTypeId!: string;
  @Property({ type: 'double' }) value!: number;
  @Property({ type: 'uuid' }) judgeId!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'boolean' }) locked!: boolean;
}

@Entity({ tableName: 'score_adjustments' })
export class ScoreAdjustmentRow {
  @PrimaryKey({ type: 'uuid' }) adjustmentId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'text' }) phase!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'double' }) points!: number;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'text', nullable: true }) adjustedBy!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

@Entity({ tableName: 'normalized_scores' })
export class NormalizedScoreRow {
  @PrimaryKey({ type: 'uuid' }) normalizedId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'text' }) phase!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'uuid' }) scoreTypeId!: string;
  @Property({ type: 'double' }) finalScore!: number;
  @Property({ type: 'double' }) weightedScore!: number;
}

@Entity({ tableName: 'jury_results' })
export class JuryResultRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @PrimaryKey({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'json' }) phaseScores!: unknown;
  @Property({ type: 'double' }) juryScore!: number;
}

@Entity({ tableName: 'scoring_snapshots' })
export class ScoringSnapshotRow {
  @PrimaryKey({ type: 'uuid' }) snapshotId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'text', nullable: true }) phase!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) takenAt!: Date;
  @Property({ type: 'json' }) items!: unknown;
}

@Entity({ tableName: 'scoring_rank_baselines' })
export class ScoringRankBaselineRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @PrimaryKey({ type: 'text' }) ranking!: string;
  @PrimaryKey({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'integer' }) rank!: number;
  @Property({ type: 'Date', columnType: 'timestamptz' }) recalculatedAt!: Date;
}

export const SCORING_ENTITIES = [
  ScoringContestRow,
  ScoreTypeRow,
  JudgingPhaseRow,
  JudgeAssignmentRow,
  RawScoreRow,
  ScoreAdjustmentRow,
  NormalizedScoreRow,
  JuryResultRow,
  ScoringSnapshotRow,
  ScoringRankBaselineRow,
];
