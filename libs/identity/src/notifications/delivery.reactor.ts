import { Inject, Logger } from '@nestjs/common';
import { Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SubjectKeys } from '../crypto/subject-keys';
import type { OtpIssued } from '../domain/otp.events';
import type { Envelope } from '../domain/pii';
import type { PasswordResetRequested } from '../domain/user.events';
import { NOTIFIER, Notifier, OutgoingMessage } from './notifier.port';

/** What the event says to send: the sealed destination and secret, and until when it is worth sending. */
interface Delivery {
  kind: 'otp' | 'reset';
  channel: 'email' | 'sms';
  purpose: string | null;
  destination: Envelope;
  secret: Envelope;
  expiresAt: Date;
}

/**
 * Sends one-time codes and password-reset tokens, as a reactor: it follows OtpIssued and
 * PasswordResetRequested in the log, opens the envelopes with the user's key and hands the
 * message to the notifier, outside any transaction. A failed send throws: the runner retries it
 * within milliseconds, then parks it and retries it in the background with growing delays
 * (PROJECTIONS_PARKED_*, and the dead-letter job), after which it waits for an operator — the
 * envelopes stay sealed in the log, so the event itself is the dead letter. Codes already expired
 * and users erased since (their key is gone) are never sent. At least once: a crash between the
 * send and the checkpoint sends the same code again.
 */
@RegisteredReactor()
export class DeliveryReactor implements Reactor {
  readonly name = 'identity.deliveries';
  readonly filter = { streamPrefixes: ['user-', 'otp-'], eventTypes: ['OtpIssued', 'PasswordResetRequested'] };
  readonly batchSize = 20;
  private readonly logger = new Logger('DeliveryReactor');

  constructor(
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly keys: SubjectKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const delivery = deliveryOf(event);
    if (!delivery) return;
    const now = this.clock.now();
    if (delivery.expiresAt.getTime() <= now.getTime()) {
      this.logger.warn(`Delivery of ${event.type} ${event.id} skipped: expired before it could be sent`);
      return;
    }
    const message = await this.compose(delivery, now);
    // The user was erased since: their key is gone, and so is anything to send.
    if (!message) return;
    await this.notifier.send(message);
  }

  private async compose(delivery: Delivery, now: Date): Promise<OutgoingMessage | null> {
    const to = await this.keys.open(delivery.destination, delivery.kind === 'otp' ? 'otp-destination' : 'reset-destination');
    const secret = await this.keys.open(delivery.secret, delivery.kind === 'otp' ? 'otp-code' : 'reset-token');
    if (!to || !secret) return null;
    const minutes = Math.max(1, Math.round((delivery.expiresAt.getTime() - now.getTime()) / 60_000));
    if (delivery.kind === 'reset') {
      return {
        channel: delivery.channel,
        to,
        subject: 'Reset your Tally password',
        body: `Use this token to choose a new password within ${minutes} minutes: ${secret}\nIf you did not ask for it, ignore this message.`,
      };
    }
    const what = delivery.purpose === 'phone_verify' ? 'verify your phone number' : delivery.purpose === 'password_reset' ? 'reset your password' : 'sign in';
    return { channel: delivery.channel, to, subject: 'Your Tally code', body: `Your Tally code to ${what} is ${secret}. It expires in ${minutes} minutes.` };
  }
}

function deliveryOf(event: RecordedEvent): Delivery | null {
  if (event.type === 'OtpIssued') {
    const d = event.data as OtpIssued['data'];
    return { kind: 'otp', channel: d.channel, purpose: d.purpose, destination: d.destination, secret: d.code, expiresAt: new Date(d.expiresAt) };
  }
  if (event.type === 'PasswordResetRequested') {
    const d = event.data as PasswordResetRequested['data'];
    // Null: the token was handed out directly (after an OTP), nothing to send.
    if (!d.delivery) return null;
    return { kind: 'reset', channel: d.delivery.channel, purpose: 'password_reset', destination: d.delivery.to, secret: d.delivery.token, expiresAt: new Date(d.expiresAt) };
  }
  return null;
}
