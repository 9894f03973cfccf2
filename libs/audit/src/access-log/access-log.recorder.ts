import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { unnestRows } from '@tally/eventstore';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { AUDIT_CONFIG, AuditConfig } from '../audit.config';
import { maskIp } from '../domain/ip-mask';

/** One request as the access log keeps it; the address is masked when the batch is written. */
export interface AccessLine {
  tenantId: string | null;
  userId: string | null;
  /** The route pattern (`/api/votes/:voteId`), never the URL: no ids, query strings or tokens. */
  endpoint: string;
  method: string;
  status: number;
  ip: string | null;
  at: number;
}

/**
 * `access_logs` off the request path: the response hook only pushes to an array, and one
 * multi-row INSERT every ACCESS_LOG_FLUSH_MS writes what gathered (masking addresses there, not
 * per request). Memory is bounded: past ACCESS_LOG_BUFFER_MAX waiting lines new ones are dropped
 * and counted in the log. What is waiting is written at shutdown.
 */
@Injectable()
export class AccessLogRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccessLogRecorder.name);
  private buffer: AccessLine[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AUDIT_CONFIG) readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.accessLogEnabled) return;
    this.timer = setInterval(() => void this.flush(), this.config.accessLogFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(line: AccessLine): void {
    if (this.buffer.length >= this.config.accessLogBufferMax) {
      this.dropped++;
      return;
    }
    this.buffer.push(line);
  }

  /** Lines waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes what has gathered (one statement per flush); one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.dropped > 0) {
      this.logger.warn(`${this.dropped} access log lines were not recorded (buffer full while the database was slow)`);
      this.dropped = 0;
    }
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
    const rows = unnestRows(
      { log_id: 'uuid', tenant_id: 'text', user_id: 'text', endpoint: 'text', method: 'text', status: 'integer', ip_network: 'text', timestamp: 'timestamptz' },
      batch.map((line) => ({
        log_id: uuidv7(),
        tenant_id: line.tenantId,
        user_id: line.userId,
        endpoint: line.endpoint,
        method: line.method,
        status: line.status,
        ip_network: maskIp(line.ip),
        timestamp: new Date(line.at).toISOString(),
      })),
    );
    try {
      await this.pool.query(`insert into access_logs (${rows.columns}) ${rows.select}`);
    } catch (error) {
      this.logger.warn({ err: error }, `${batch.length} access log lines could not be recorded`);
    }
  }
}
