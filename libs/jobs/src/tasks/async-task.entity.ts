import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** async_tasks as MikroORM sees it (the queue writes it with SQL: async-tasks.ts). */
@Entity({ tableName: 'async_tasks' })
export class AsyncTaskRow {
  @PrimaryKey({ type: 'uuid' }) taskId!: string;
  @Property({ type: 'text' }) taskType!: string;
  @Property({ type: 'json' }) payload!: unknown;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'text', nullable: true, unique: true }) dedupeKey!: string | null;
  @Property({ type: 'integer' }) attempts!: number;
  @Property({ type: 'integer' }) revivals!: number;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  @Property({ type: 'text', nullable: true }) lastError!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
