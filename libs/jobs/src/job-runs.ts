import { EntityManager } from '@mikro-orm/postgresql';

export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'abandoned';

export interface JobRun {
  jobId: string;
  jobType: string;
  status: JobRunStatus;
  createdAt: Date;
  completedAt: Date | null;
  result: unknown;
  errorMessage: string | null;
}

/** What one job's history says (jobs:list, GET /api/admin/jobs). */
export interface JobHistory {
  lastRun: JobRun | null;
  lastSuccessAt: Date | null;
  /** Runs that failed or were abandoned in the last 24 hours. */
  failures24h: number;
}

interface RunRow {
  job_id: string;
  job_type: string;
  status: JobRunStatus;
  created_at: Date | string;
  completed_at: Date | string | null;
  result_json: unknown;
  error_message: string | null;
}

/** Longest error message kept per run: a stack or a provider's HTML page is not a record. */
const MAX_ERROR_LENGTH = 2_000;

/**
 * SQL over batch_jobs and job_results, through the caller's EntityManager (`em.execute`, so a
 * caller's transaction is joined; the scheduler calls it with none open, as PGlite needs).
 */
export const jobRuns = {
  async start(em: EntityManager, jobId: string, jobType: string, now: Date): Promise<void> {
    await em.execute(`insert into batch_jobs (job_id, job_type, status, created_at) values (?, ?, 'running', ?)`, [jobId, jobType, now.toISOString()]);
  },

  async finish(em: EntityManager, run: { jobId: string; resultId: string; status: 'succeeded' | 'failed'; result: unknown; error: string | null; now: Date }): Promise<void> {
    await em.transactional(async (tx) => {
      await tx.execute(`update batch_jobs set status = ?, completed_at = ? where job_id = ?`, [run.status, run.now.toISOString(), run.jobId]);
      const json = run.result === undefined ? null : JSON.stringify(run.result);
      await tx.execute(`insert into job_results (result_id, job_id, result_json, error_message) values (?, ?, ?::jsonb, ?)`, [run.resultId, run.jobId, json, run.error?.slice(0, MAX_ERROR_LENGTH) ?? null]);
    });
  },

  /** Runs a dead leader left `running` (only the lock holder calls this, so none is really running). */
  async abandonRunning(em: EntityManager, jobType: string, now: Date): Promise<number> {
    const result = await em.execute<{ affectedRows: number }>(`update batch_jobs set status = 'abandoned', completed_at = ? where job_type = ? and status = 'running'`, [now.toISOString(), jobType], 'run');
    return result.affectedRows;
  },

  async recent(em: EntityManager, jobType: string, limit: number): Promise<JobRun[]> {
    const rows = await em.execute<RunRow[]>(
      `select b.job_id, b.job_type, b.status, b.created_at, b.completed_at, r.result_json, r.error_message
         from batch_jobs b left join job_results r on r.job_id = b.job_id
        where b.job_type = ? order by b.created_at desc limit ?`,
      [jobType, limit],
    );
    return rows.map(toRun);
  },

  async history(em: EntityManager, jobType: string, now: Date): Promise<JobHistory> {
    const [lastRun] = await jobRuns.recent(em, jobType, 1);
    const [row] = await em.execute<{ last_success: Date | string | null; failures: string | number }[]>(
      `select max(created_at) filter (where status = 'succeeded') as last_success,
              count(*) filter (where status in ('failed', 'abandoned') and created_at > ?::timestamptz - interval '24 hours') as failures
         from batch_jobs where job_type = ?`,
      [now.toISOString(), jobType],
    );
    return { lastRun: lastRun ?? null, lastSuccessAt: row?.last_success ? new Date(row.last_success) : null, failures24h: Number(row?.failures ?? 0) };
  },
};

function toRun(row: RunRow): JobRun {
  return {
    jobId: row.job_id,
    jobType: row.job_type,
    status: row.status,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    result: row.result_json ?? null,
    errorMessage: row.error_message,
  };
}
