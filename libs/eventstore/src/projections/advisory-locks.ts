import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { pgConnectionConfig } from '@tally/platform';
import { isSharedSessionServer } from './shared-session';

/**
 * Session advisory locks (`pg_try_advisory_lock(hashtext(key))`) held on one dedicated
 * connection, so "one active instance per projection" holds across processes: the locks die
 * with the connection, and a standby instance takes over.
 *
 * PGlite serves every socket from one backend session, where advisory locks are re-entrant and
 * therefore exclude nobody. An embedded database belongs to one process, so there a
 * process-wide registry gives the same exclusion.
 */
export class AdvisoryLocks {
  private static readonly processHeld = new Map<string, AdvisoryLocks>();

  private readonly logger = new Logger(AdvisoryLocks.name);
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private sharedSession = false;
  private readonly held = new Set<string>();
  /** One query at a time on the lock connection (every projection's loop shares it). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
  ) {}

  /** True when the lock is now (or already) ours. */
  async tryLock(key: string): Promise<boolean> {
    if (this.held.has(key)) return true;
    const client = await this.connect();
    if (this.sharedSession) {
      // Check and take with no await in between: the registry is the only arbiter here.
      const owner = AdvisoryLocks.processHeld.get(this.scoped(key));
      if (owner && owner !== this) return false;
      AdvisoryLocks.processHeld.set(this.scoped(key), this);
      this.held.add(key);
      return true;
    }
    const result = await this.serially(() => client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [key]));
    if (!result.rows[0]?.locked) return false;
    this.held.add(key);
    return true;
  }

  /** False once the connection that held the lock is gone. */
  holds(key: string): boolean {
    return this.held.has(key);
  }

  async unlock(key: string): Promise<void> {
    if (!this.held.delete(key)) return;
    if (this.sharedSession) {
      AdvisoryLocks.processHeld.delete(this.scoped(key));
      return;
    }
    const client = this.client;
    if (client) await this.serially(() => client.query('select pg_advisory_unlock(hashtext($1))', [key])).catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const key of [...this.held]) await this.unlock(key);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({ ...pgConnectionConfig(this.url), application_name: this.applicationName, connectionTimeoutMillis: 10_000 });
      const lost = (error?: Error) => this.lose(client, error);
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        const version = await client.query<{ version: string }>('select version() as version');
        this.sharedSession = isSharedSessionServer(version.rows[0]?.version);
        this.client = client;
        return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  /** The connection died: every lock it held is gone, and the workers must stand down. */
  private lose(client: Client, error?: Error): void {
    if (this.client !== client) return;
    if (this.held.size > 0) this.logger.warn(`Lock connection lost (${error?.message ?? 'closed'}); releasing ${[...this.held].join(', ')}`);
    for (const key of this.held) if (this.sharedSession) AdvisoryLocks.processHeld.delete(this.scoped(key));
    this.held.clear();
    this.client = null;
  }

  private scoped(key: string): string {
    return `${this.url}|${key}`;
  }
}
