export type NotificationChannel = 'email' | 'sms';

export interface OutgoingMessage {
  channel: NotificationChannel;
  /** An email address, or an E.164 phone number. */
  to: string;
  subject: string;
  body: string;
}

/** Sends one message; throws when the provider refused it or could not be reached (the dispatcher retries). */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

export const NOTIFIER = Symbol('Notifier');

/** One adapter per channel, chosen from config. */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly email: Notifier,
    private readonly sms: Notifier,
  ) {}

  send(message: OutgoingMessage): Promise<void> {
    switch (message.channel) {
      case 'email':
        return this.email.send(message);
      case 'sms':
        return this.sms.send(message);
      default: {
        const unknown: never = message.channel;
        throw new Error(`Unknown channel ${String(unknown)}`);
      }
    }
  }
}
