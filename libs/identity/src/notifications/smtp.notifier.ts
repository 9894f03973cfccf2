import { createTransport, Transporter } from 'nodemailer';
import type { Notifier, OutgoingMessage } from './notifier.port';

/** Email over SMTP (nodemailer); SMTP_URL like smtp://user:pass@host:587 or smtps://host:465. */
export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.body });
  }

  close(): void {
    this.transport.close();
  }
}
