import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, CLOCK, PG_POOL, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { Pool } from 'pg';
import { SubjectKeys } from '../crypto/subject-keys';
import type { Envelope } from '../domain/pii';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';
import { NOTIFIER, Notifier, OutgoingMessage } from './notifier.port';

interface DeliveryRow {
  event_id: string;
  kind: 'otp' | 'reset';
  channel: 'email' | 'sms';
  purpose: string | null;
  destination: Envelope | null;
  payload: Envelope | null;
  expires_at: Date;
  attempts: number;
}

const LEASE_MS = 60_000;
const BATCH = 20;

/**
 * Drains `identity_deliveries` outside any transaction: claim due rows with a lease (SKIP
 * LOCKED, so several workers share the work), open the envelopes with the user's key, send,
 * then mark sent — or schedule a retry with exponential backoff, and after the last attempt
 * park the row as `dead` (the dead letter, kept with its error for an operator to replay by
 * setting it back to pending). Expired codes and erased users are never sent.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly keys: SubjectKeys,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.platform.role === 'api') return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over the due rows; returns how many were handled. Public for tests and the CLI. */
  async drain(): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.pool.query<DeliveryRow>(
      `update identity_deliveries set locked_until = $1, attempts = attempts + 1
       where event_id in (
         select event_id from identity_deliveries
         where status = 'pending' and next_attempt_at <= $2 and (locked_until is null or locked_until < $2)
         order by next_attempt_at limit ${BATCH} for update skip locked)
       returning event_id, kind, channel, purpose, destination, payload, expires_at, attempts`,
      [new Date(now.getTime() + LEASE_MS), now],
    );
    for (const row of rows) await this.deliver(row, now);
    return rows.length;
  }

  private async deliver(row: DeliveryRow, now: Date): Promise<void> {
    if (row.expires_at.getTime() <= now.getTime()) return this.finish(row, 'expired', null);
    let message: OutgoingMessage | null;
    try {
      message = await this.compose(row, now);
    } catch (error) {
      return this.fail(row, error);
    }
    if (!message) return this.finish(row, 'cancelled', 'subject erased');
    try {
      await this.notifier.send(message);
      await this.finish(row, 'sent', null);
    } catch (error) {
      await this.fail(row, error);
    }
  }

  private async compose(row: DeliveryRow, now: Date): Promise<OutgoingMessage | null> {
    const to = await this.keys.open(row.destination, row.kind === 'otp' ? 'otp-destination' : 'reset-destination');
    const secret = await this.keys.open(row.payload, row.kind === 'otp' ? 'otp-code' : 'reset-token');
    if (!to || !secret) return null;
    const minutes = Math.max(1, Math.round((row.expires_at.getTime() - now.getTime()) / 60_000));
    if (row.kind === 'reset') {
      return {
        channel: row.channel,
        to,
        subject: 'Reset your Tally password',
        body: `Use this token to choose a new password within ${minutes} minutes: ${secret}\nIf you did not ask for it, ignore this message.`,
      };
    }
    const what = row.purpose === 'phone_verify' ? 'verify your phone number' : row.purpose === 'password_reset' ? 'reset your password' : 'sign in';
    return { channel: row.channel, to, subject: 'Your Tally code', body: `Your Tally code to ${what} is ${secret}. It expires in ${minutes} minutes.` };
  }

  private async fail(row: DeliveryRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (row.attempts >= this.config.delivery.maxAttempts) {
      this.logger.error(`Delivery ${row.event_id} dead after ${row.attempts} attempts: ${message}`);
      return this.finish(row, 'dead', message);
    }
    const delay = this.config.delivery.baseBackoffMs * 2 ** (row.attempts - 1);
    this.logger.warn(`Delivery ${row.event_id} failed (attempt ${row.attempts}), retrying in ${delay} ms: ${message}`);
    await this.pool.query(`update identity_deliveries set locked_until = null, last_error = $2, next_attempt_at = $3 where event_id = $1`, [
      row.event_id,
      message.slice(0, 1000),
      new Date(this.clock.now().getTime() + delay),
    ]);
  }

  private async finish(row: DeliveryRow, status: 'sent' | 'dead' | 'expired' | 'cancelled', error: string | null): Promise<void> {
    // Once handled, the envelopes are dropped: the outbox keeps no readable copy of a code.
    await this.pool.query(
      `update identity_deliveries set status = $2::text, last_error = $3::text, locked_until = null,
         delivered_at = case when $2::text = 'sent' then $4::timestamptz else null end,
         payload = case when $2::text = 'dead' then payload else null end
       where event_id = $1`,
      [row.event_id, status, error?.slice(0, 1000) ?? null, this.clock.now()],
    );
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`Delivery pass failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.config.delivery.pollMs);
    this.timer.unref();
  }
}
