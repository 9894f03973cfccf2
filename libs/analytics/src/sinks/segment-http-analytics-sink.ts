import { AnalyticsSinkError, reasonOf } from '../analytics.errors';
import type { HttpBatchSinkConfig } from '../analytics.config';
import type { AnalyticsMessage } from '../domain/analytics-message';
import { AnalyticsSink } from './analytics-sink.port';

/**
 * A Segment-compatible HTTP batch API (Segment, RudderStack, Jitsu and others take it):
 * `POST <url>/v1/batch` with `{ batch, sentAt }`, the write key as basic-auth user. A batch counts
 * as sent on a 2xx answer. Every message carries messageId = the event id: a batch sent again
 * (a crash between the answer and the checkpoint, a retry after a timeout) is for the sink to
 * dedupe by messageId, as Segment does; this adapter cannot know what a timed-out request stored.
 */
export class SegmentHttpAnalyticsSink implements AnalyticsSink {
  readonly name = 'http';
  private readonly authorization: string;

  constructor(
    private readonly config: HttpBatchSinkConfig,
    private readonly timeoutMs: number,
  ) {
    this.authorization = `Basic ${Buffer.from(`${config.writeKey}:`).toString('base64')}`;
  }

  async send(messages: readonly AnalyticsMessage[]): Promise<void> {
    if (messages.length === 0) return;
    let response: Response;
    try {
      response = await fetch(`${this.config.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ batch: messages, sentAt: new Date().toISOString() }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new AnalyticsSinkError(this.name, reasonOf(error));
    }
    // Read to the end either way, so the connection goes back to the pool.
    const body = await response.text().catch(() => '');
    if (!response.ok) throw new AnalyticsSinkError(this.name, `HTTP ${response.status} ${body.slice(0, 200)}`);
  }

  async close(): Promise<void> {
    // Nothing held: fetch pools its own connections.
  }
}
