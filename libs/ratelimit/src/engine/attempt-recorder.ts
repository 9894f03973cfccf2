import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { unnestRows } from '@tally/eventstore';
import { TallyMetrics } from '@tally/observability';
import { Counter } from 'prom-client';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';

export interface RefusedAttempt {
  tenantId: string | null;
  userId: string | null;
  ipAddress: string | null;
  /** `METHOD route`. */
  endpoint: string;
  ruleId: string | null;
  ruleName: string;
  at: Date;
}

/**
 * Refusals go to `rate_limit_attempts` off the request path: the guard only pushes to a
 * buffer, and one multi-row INSERT every RATE_LIMIT_ATTEMPTS_FLUSH_MS writes what gathered. A
 * flood of refused requests therefore costs the database one statement per interval, not one
 * per request; past RATE_LIMIT_ATTEMPTS_BUFFER_MAX waiting rows the oldest are dropped (and
 * counted in the log) rather than growing without bound while the database is slow.
 */
@Injectable()
export class AttemptRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptRecorder.name);
  private buffer: RefusedAttempt[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** SPEC "rate limit trigger frequency"; labelled by rule (blocks together, their networks are unbounded). */
  private readonly refusals: Counter<'rule'> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    // Absent in processes without metrics (the CLI).
    @Optional() metrics?: TallyMetrics,
  ) {
    this.refusals = metrics
      ? new Counter({ name: 'tally_rate_limit_refusals_total', help: 'Requests refused by a rate limit rule (by rule name) or a client block (rule="block")', labelNames: ['rule'] as const, registers: [metrics.registry] })
      : undefined;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.attemptsFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(attempt: RefusedAttempt): void {
    this.refusals?.inc({ rule: attempt.ruleId === null ? 'block' : attempt.ruleName });
    if (this.buffer.length >= this.config.attemptsBufferMax) {
      this.buffer.shift();
      this.dropped++;
    }
    this.buffer.push(attempt);
  }

  /** Writes what has gathered (one statement); one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.dropped > 0) {
      this.logger.warn(`${this.dropped} refused attempts were not recorded (buffer full while the database was slow)`);
      this.dropped = 0;
    }
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
    const rows = unnestRows(
      { attempt_id: 'uuid', tenant_id: 'text', user_id: 'text', ip_address: 'text', endpoint: 'text', rule_id: 'uuid', rule_name: 'text', timestamp: 'timestamptz' },
      batch.map((attempt) => ({
        attempt_id: uuidv7(),
        tenant_id: attempt.tenantId,
        user_id: attempt.userId,
        ip_address: attempt.ipAddress,
        endpoint: attempt.endpoint,
        rule_id: attempt.ruleId,
        rule_name: attempt.ruleName,
        timestamp: attempt.at.toISOString(),
      })),
    );
    try {
      await this.pool.query(`insert into rate_limit_attempts (${rows.columns}) ${rows.select}`);
    } catch (error) {
      this.logger.warn({ err: error }, `${batch.length} refused attempts could not be recorded`);
    }
  }
}
