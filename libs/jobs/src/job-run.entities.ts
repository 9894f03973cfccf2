import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** batch_jobs as MikroORM sees it (the scheduler writes it with SQL: job-runs.ts). */
@Entity({ tableName: 'batch_jobs' })
export class BatchJobRow {
  @PrimaryKey({ type: 'uuid' }) jobId!: string;
  @Property({ type: 'text' }) jobType!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

/** job_results: one per finished run. */
@Entity({ tableName: 'job_results' })
export class JobResultRow {
  @PrimaryKey({ type: 'uuid' }) resultId!: string;
  @Property({ type: 'uuid' }) jobId!: string;
  @Property({ type: 'json', nullable: true }) resultJson!: unknown;
  @Property({ type: 'text', nullable: true }) errorMessage!: string | null;
}
