import { Client, ClientConfig, Pool } from 'pg';
import { EVENTS_CHANNEL } from './migrations/eventstore-schema.sql';

export type NotificationMode = 'idle' | 'probing' | 'listen' | 'polling-only';

const PROBE_TIMEOUT_MS = 2_000;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Wake-up hints for the subscriptions of one store: appends made by this process wake them
 * directly, appends of other processes through LISTEN on one dedicated connection. Hints only
 * cut latency; subscriptions poll anyway, so a lost notification costs one poll interval.
 *
 * LISTEN is probed once: through pglite-socket every connection shares PGlite's single
 * session, so a notification goes back to whichever connection issued NOTIFY and never to the
 * listener. When the probe does not come back, the store runs on local hints plus polling.
 */
export class PgWakeups {
  private readonly sleepers = new Set<() => void>();
  private client: Client | undefined;
  private mode: NotificationMode = 'idle';
  private reconnectTimer: NodeJS.Timeout | undefined;
  private probeToken: string | undefined;
  private probeArrived: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly listen: boolean,
  ) {}

  get notificationMode(): NotificationMode {
    return this.mode;
  }

  /** Registers a sleeper woken by every hint; returns its removal. Starts LISTEN on first use. */
  add(wake: () => void): () => void {
    this.sleepers.add(wake);
    if (this.listen && this.mode === 'idle' && !this.closed) void this.startListening();
    return () => this.sleepers.delete(wake);
  }

  wake(): void {
    for (const wake of this.sleepers) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.sleepers.clear();
    await this.dropClient();
  }

  private async startListening(): Promise<void> {
    this.mode = 'probing';
    const client = new Client({ ...(this.pool.options as ClientConfig), application_name: 'tally-es-listen' });
    this.client = client;
    client.on('error', () => this.onConnectionLost(client));
    client.on('end', () => this.onConnectionLost(client));
    client.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL) return;
      if (this.probeToken && message.payload === this.probeToken) this.probeArrived?.();
      this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (this.closed) return;
      if (await this.probe()) {
        this.mode = 'listen';
        return;
      }
      this.mode = 'polling-only';
      await client.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
      await this.dropClient();
    } catch {
      this.onConnectionLost(client);
    }
  }

  /** Sends a NOTIFY through the pool and waits for it on the listener. */
  private async probe(): Promise<boolean> {
    this.probeToken = `probe:${Math.random().toString(36).slice(2)}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.probeArrived = () => resolve(true);
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, this.probeToken]);
      return await arrived;
    } finally {
      clearTimeout(timer);
      this.probeToken = undefined;
      this.probeArrived = undefined;
    }
  }

  private onConnectionLost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.closed || this.mode === 'polling-only') return;
    this.mode = 'idle';
    // Polling carries on meanwhile; try LISTEN again while anyone is subscribed.
    this.reconnectTimer = setTimeout(() => {
      if (!this.closed && this.sleepers.size > 0 && this.mode === 'idle') void this.startListening();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}
