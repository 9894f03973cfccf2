import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The notifications tables; the projection and the reactor write them with SQL, these describe them for the schema. */
@Entity({ tableName: 'push_devices' })
@Index({ properties: ['tenantId', 'userId'] })
export class PushDeviceRow {
  @PrimaryKey({ type: 'uuid' }) deviceId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'text' }) transport!: string;
  @Property({ type: 'text', nullable: true }) endpoint!: string | null;
  @Property({ type: 'text', nullable: true }) p256dh!: string | null;
  @Property({ type: 'text', nullable: true }) auth!: string | null;
  @Property({ type: 'text', nullable: true }) fcmToken!: string | null;
  @Property({ type: 'text', nullable: true }) label!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) subscribedAt!: Date;
  /** Log position of the first subscription of this endpoint: notifications of earlier events are not for it. */
  @Property({ type: 'text', default: '' }) subscribedPosition!: string;
}

@Entity({ tableName: 'notification_preferences' })
export class NotificationPreferencesRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @Property({ type: 'text[]' }) muted!: string[];
  @Property({ type: 'uuid[]' }) follows!: string[];
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'notification_participants' })
export class NotificationParticipantRow {
  @PrimaryKey({ type: 'uuid' }) contestId!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  /** The contestant of the voter's latest vote in the event. */
  @Property({ type: 'uuid', nullable: true }) favouriteContestantId!: string | null;
  /** Log position of the voter's first vote in the event. */
  @Property({ type: 'text', default: '' }) firstPosition!: string;
}

@Entity({ tableName: 'notification_follows' })
@Index({ properties: ['contestId'] })
export class NotificationFollowRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @PrimaryKey({ type: 'uuid' }) contestId!: string;
  /** Log position of the preferences that began the follow. */
  @Property({ type: 'text' }) sincePosition!: string;
}

@Entity({ tableName: 'notification_rank_watch' })
export class NotificationRankWatchRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @PrimaryKey({ type: 'uuid' }) contestId!: string;
  @Property({ type: 'uuid' }) contestantId!: string;
  @Property({ type: 'integer' }) lastRank!: number;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) lastNotifiedAt!: Date | null;
}

@Entity({ tableName: 'notification_contests' })
export class NotificationContestRow {
  @PrimaryKey({ type: 'uuid' }) contestId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) endDate!: Date;
  @Property({ type: 'text' }) status!: string;
}

@Entity({ tableName: 'push_deliveries' })
export class PushDeliveryRow {
  @PrimaryKey({ type: 'uuid' }) notificationId!: string;
  @PrimaryKey({ type: 'uuid' }) deviceId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'text' }) kind!: string;
  @Property({ type: 'text' }) outcome!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) deliveredAt!: Date;
}

export const NOTIFICATIONS_ENTITIES = [PushDeviceRow, NotificationPreferencesRow, NotificationParticipantRow, NotificationContestRow, PushDeliveryRow, NotificationRankWatchRow, NotificationFollowRow];
