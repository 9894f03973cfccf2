import { Logger } from '@nestjs/common';
import { TallyMetrics } from './tally-metrics';

/** SPEC "Error Tracking & Logging": what failed, in words an operator filters by. */
export type ErrorKind = 'vote' | 'payment' | 'otp' | 'database' | 'external_service' | 'job' | 'validation' | 'internal';

export const ERROR_KINDS: readonly ErrorKind[] = ['vote', 'payment', 'otp', 'database', 'external_service', 'job', 'validation', 'internal'];

/** Context of one error event: ids and names only (never a body, a phone number or a token: logs are PII-masked by policy). */
export interface ErrorContext {
  tenantId?: string | null;
  userId?: string | null;
  requestId?: string;
  route?: string;
  /** The external service (sms, email, blockchain, payment provider) or job/task name. */
  service?: string;
  [key: string]: string | number | boolean | null | undefined;
}

/**
 * Structured error events: one JSON log line (`errorEvent: true`, kind, code, context, the error)
 * and one count in tally_errors_total{kind, code}. Codes are bounded: a domain error code, a
 * problem slug, a PostgreSQL SQLSTATE, or a job/task name, never free text.
 */
export class ErrorTracker {
  private readonly logger = new Logger('ErrorTracker');

  constructor(private readonly metrics: TallyMetrics) {}

  record(kind: ErrorKind, code: string, context: ErrorContext = {}, error?: unknown): void {
    this.metrics.errors.inc({ kind, code });
    const serious = kind === 'database' || kind === 'internal' || kind === 'job' || kind === 'external_service';
    const event = { errorEvent: true, kind, code, ...context, ...(error === undefined ? {} : { err: error }) };
    if (serious) this.logger.error(event, `${kind} error ${code}`);
    else this.logger.warn(event, `${kind} error ${code}`);
  }
}

/**
 * Wraps a call to an external service (SMS, email, blockchain node, payment provider) so a
 * failure is an error event of kind external_service, code `<service>-failed`, before it is
 * thrown on to the caller's own retry.
 */
export async function trackExternalCall<T>(errors: ErrorTracker | undefined, service: string, context: ErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    errors?.record('external_service', `${service}-failed`, { ...context, service }, error);
    throw error;
  }
}
