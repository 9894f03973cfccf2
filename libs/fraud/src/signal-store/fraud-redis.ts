import { OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The signal store's own Redis connection, with auto-pipelining: the scripts of every vote that
 * reaches screening in one turn of the event loop leave in one write and their replies come back
 * in one read, where the shared connection (no pipelining) makes a write and a read per vote.
 * On a busy API process those socket calls, not the script, were most of screening's CPU.
 * Failures behave as on the shared connection: commands wait briefly for a reconnect, then fail
 * (the vote answers 503).
 */
export class FraudRedisConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, {
      connectionName: 'tally-fraud',
      enableAutoPipelining: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 2,
      retryStrategy: (times) => Math.min(times * 100, 2000),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
