import type { Notifier, OutgoingMessage } from './notifier.port';

/**
 * A notifier whose module is loaded at its first send. The SMTP and Twilio SDKs are a few hundred
 * modules (~0.6 s of CPU) that every process, CLI run and test file would otherwise load whether
 * or not it ever sends a message.
 */
export class LazyNotifier implements Notifier {
  private loaded: Promise<Notifier> | undefined;

  constructor(private readonly load: () => Promise<Notifier>) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.loaded ??= this.load();
    const notifier = await this.loaded.catch((error: unknown) => {
      // A failed load is tried again at the next send rather than remembered for ever.
      this.loaded = undefined;
      throw error;
    });
    await notifier.send(message);
  }
}
