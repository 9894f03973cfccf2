import { ErrorTracker, trackExternalCall } from '@tally/platform';
import type { IdentityConfig } from '../identity.config';
import { HttpSmsNotifier } from './http-sms.notifier';
import { LogNotifier } from './log.notifier';
import { LazyNotifier } from './lazy.notifier';
import { ChannelNotifier, Notifier } from './notifier.port';

/** Email over SMTP when SMTP_URL is set, SMS by SMS_DRIVER; the log driver otherwise (embedded mode). */
export function notifierFromConfig(config: IdentityConfig): Notifier {
  const log = new LogNotifier();
  const { smtpUrl, from } = config.mail;
  const email = smtpUrl ? new LazyNotifier(async () => new (await import('./smtp.notifier')).SmtpNotifier(smtpUrl, from)) : log;
  return new ChannelNotifier(email, smsNotifier(config, log));
}

function smsNotifier(config: IdentityConfig, log: Notifier): Notifier {
  const { driver } = config.sms;
  switch (driver) {
    case 'log':
      return log;
    case 'http':
      return new HttpSmsNotifier(config.sms.httpUrl!);
    case 'twilio': {
      const settings = config.sms.twilio!;
      return new LazyNotifier(async () => new (await import('./twilio-sms.notifier')).TwilioSmsNotifier(settings));
    }
    default: {
      const unknown: never = driver;
      throw new Error(`Unknown SMS driver ${String(unknown)}`);
    }
  }
}

/** Each failed send is an external_service error event (sms-failed, email-failed) before the reactor retries it. */
export function trackedNotifier(notifier: Notifier, errors: ErrorTracker | undefined): Notifier {
  if (!errors) return notifier;
  return { send: (message) => trackExternalCall(errors, message.channel, { channel: message.channel }, () => notifier.send(message)) };
}
