import type { Notifier, OutgoingMessage } from './notifier.port';

/** SMS_DRIVER=http: POSTs `{ "to": "+E164", "body": "…" }` as JSON to SMS_HTTP_URL; any non-2xx is a failure. */
export class HttpSmsNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, body: message.body }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS webhook answered ${response.status}`);
    await response.body?.cancel();
  }
}
