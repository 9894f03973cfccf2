import { Logger } from '@nestjs/common';
import type { Notifier, OutgoingMessage } from './notifier.port';

/**
 * The embedded mode's driver: nothing leaves the machine; the message is logged so a developer
 * can read the code. The destination is masked (PII stays out of logs).
 */
export class LogNotifier implements Notifier {
  private readonly logger = new Logger('Notifier');

  async send(message: OutgoingMessage): Promise<void> {
    this.logger.log(`${message.channel} to ${mask(message.to)}: ${message.body}`);
  }
}

export function mask(destination: string): string {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination[0]}***${destination.slice(at)}`;
  return `${destination.slice(0, 3)}***${destination.slice(-2)}`;
}
