import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The voting read models (SPEC.md, core voting and ranking tables). Every row carries its
 * tenant. Projections write them with set-based SQL; these entities describe them for queries
 * and the schema. Types are explicit because swc does not emit every reflected type.
 */
@Entity({ tableName: 'events' })
@Index({ properties: ['tenantId', 'status'] })
export class ContestRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'event_id' }) eventId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) startDate!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) endDate!: Date;
  @Property({ type: 'integer' }) voteCap!: number;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'json' }) settings!: Record<string, unknown>;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'categories' })
export class CategoryRow {
  @PrimaryKey({ type: 'uuid' }) categoryId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'double' }) weight!: number;
  @Property({ type: 'json' }) rules!: Record<string, unknown>;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

@Entity({ tableName: 'contestants' })
@Unique({ properties: ['eventId', 'slug'] })
export class ContestantRow {
  [OptionalProps]?: 'votesReceived';
  @PrimaryKey({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) slug!: string;
  @Property({ type: 'uuid', nullable: true }) categoryId!: string | null;
  @Property({ type: 'bigint', default: 0 }) votesReceived!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

@Entity({ tableName: 'votes' })
@Index({ properties: ['tenantId', 'userId', 'voteId'] })
@Index({ properties: ['eventId'] })
export class VoteRow {
  @PrimaryKey({ type: 'uuid' }) voteId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'uuid', nullable: true }) categoryId!: string | null;
  @Property({ type: 'integer' }) amount!: number;
  /** free, paid or mixed: how the vote was paid for. */
  @Property({ type: 'text' }) voteType!: string;
  @Property({ type: 'integer' }) freeAmount!: number;
  @Property({ type: 'integer' }) paidAmount!: number;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'text' }) contentHash!: string;
  @Property({ type: 'text' }) streamId!: string;
  @Property({ type: 'bigint' }) streamRevision!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) refundedAt!: Date | null;
}

@Entity({ tableName: 'vote_ledger' })
@Index({ properties: ['tenantId', 'userId', 'timestamp'] })
export class VoteLedgerRow {
  /** The voter-stream event's id. */
  @PrimaryKey({ type: 'uuid' }) transactionId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) timestamp!: Date;
  /** grant, revoke, vote, refund, void */
  @Property({ type: 'text' }) kind!: string;
  @Property({ type: 'uuid', nullable: true }) eventId!: string | null;
  @Property({ type: 'uuid', nullable: true }) voteId!: string | null;
  /** Votes cast (+) or given back (−) by this entry. */
  @Property({ type: 'integer' }) voteCount!: number;
  /** Change of the paid credit balance. */
  @Property({ type: 'integer' }) creditsDelta!: number;
  /** The credit balance after this entry. */
  @Property({ type: 'integer' }) remainingVotes!: number;
}

@Entity({ tableName: 'leaderboard_cache' })
@Index({ properties: ['eventId', 'voteCount'] })
export class LeaderboardCacheRow {
  /** One row per contestant: the contestant's id. */
  @PrimaryKey({ type: 'uuid' }) rankId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'integer' }) currentRank!: number;
  @Property({ type: 'bigint' }) voteCount!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'rank_snapshots' })
export class RankSnapshotRow {
  @PrimaryKey({ type: 'uuid' }) snapshotId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) @Index() eventId!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) timestamp!: Date;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'json' }) leaderboardJson!: unknown;
}

/** Ranks at the last recalculation (job-owned, not a projection: `change` is measured against it). */
@Entity({ tableName: 'rank_baselines' })
export class RankBaselineRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @PrimaryKey({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'integer' }) rank!: number;
  @Property({ type: 'Date', columnType: 'timestamptz' }) recalculatedAt!: Date;
}
