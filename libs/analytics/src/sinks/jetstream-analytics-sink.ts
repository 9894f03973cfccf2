import type { Codec, JetStreamClient, NatsConnection } from 'nats';
import { AnalyticsSinkError, reasonOf } from '../analytics.errors';
import type { JetStreamSinkConfig } from '../analytics.config';
import type { AnalyticsMessage } from '../domain/analytics-message';
import { AnalyticsSink } from './analytics-sink.port';

/** An open connection; the client is loaded at the first connect (~140 ms of CPU a process without a sink never pays). */
interface Connected {
  nc: NatsConnection;
  js: JetStreamClient;
  codec: Codec<AnalyticsMessage>;
}

/** A subject token from a tenant id or event type: NATS subjects split on dots and wildcards. */
function token(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The default sink: a NATS JetStream stream, through the official `nats` client. Each event is
 * published to `<subject>.<tenantId>.<eventType>` with Nats-Msg-Id = the event id (the client's
 * `msgID`), so a batch sent again within the stream's duplicate window (a crash between the acks
 * and the checkpoint) is acknowledged as a duplicate and not stored twice. A batch counts as sent
 * when every publish is acknowledged. Connects on first use and again after a failure.
 */
export class JetStreamAnalyticsSink implements AnalyticsSink {
  readonly name = 'nats';
  private connection: Promise<Connected> | null = null;

  constructor(
    private readonly config: JetStreamSinkConfig,
    private readonly timeoutMs: number,
  ) {}

  async send(messages: readonly AnalyticsMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const { js, codec } = await this.connected();
      // Published in one go, in log order on one connection; each ack waited for.
      await Promise.all(
        messages.map((message) =>
          js.publish(`${this.config.subject}.${token(message.context.tenantId)}.${token(message.event)}`, codec.encode(message), { msgID: message.messageId, timeout: this.timeoutMs }),
        ),
      );
    } catch (error) {
      await this.reset();
      throw new AnalyticsSinkError(this.name, reasonOf(error));
    }
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Connected> {
    this.connection ??= this.open();
    return this.connection;
  }

  private async open(): Promise<Connected> {
    const { connect, JSONCodec, nanos } = await import('nats');
    const nc = await connect({ servers: this.config.url, name: 'tally-analytics', timeout: this.timeoutMs, maxReconnectAttempts: 5 });
    try {
      await this.ensureStream(nc, nanos);
      return { nc, js: nc.jetstream({ timeout: this.timeoutMs }), codec: JSONCodec<AnalyticsMessage>() };
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** Creates the stream when it is missing (an operator may create it first, with their own limits). */
  private async ensureStream(nc: NatsConnection, nanos: (millis: number) => number): Promise<void> {
    const jsm = await nc.jetstreamManager({ timeout: this.timeoutMs });
    try {
      await jsm.streams.info(this.config.stream);
    } catch {
      await jsm.streams.add({ name: this.config.stream, subjects: [`${this.config.subject}.>`], duplicate_window: nanos(this.config.duplicateWindowMs) });
    }
  }

  private async reset(): Promise<void> {
    const current = this.connection;
    this.connection = null;
    if (!current) return;
    try {
      await (await current).nc.close();
    } catch {
      // Never opened: nothing to close.
    }
  }
}
