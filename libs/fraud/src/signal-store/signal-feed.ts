import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/** One published batch: who published it and its votes (JSON, VoteObservation[]). */
export interface FeedEntry {
  id: string;
  publisher: string;
  votes: string;
}

/** How long the feed keeps entries (PUBLISH_SCRIPT trims older ones). */
export const FEED_RETENTION_MS = 10 * 60_000;
/** A reader whose position is older than this checks that nothing after it was trimmed. */
const SUSPECT_AFTER_MS = FEED_RETENTION_MS / 2;
const BLOCK_MS = 1_000;
const RETRY_MS = 1_000;
const ENTRIES_PER_READ = 500;

/**
 * Follows the signal feed (a Redis stream every process publishes its votes to) on a connection
 * of its own (XREAD BLOCK holds it), from the position it had when it started, entry by entry, so
 * nothing published after that position is skipped. After a read that returned entries it pauses
 * `pauseMs`, so a busy feed costs one read per pause rather than one per publication. When the
 * entries after its position may be gone (an error, or a position older than half the
 * retention, then only if the oldest entry left is newer than it), it calls `onLoss`: what was
 * built from the feed can no longer be trusted.
 */
export class SignalFeed {
  private readonly logger = new Logger(SignalFeed.name);
  private position = '0-0';
  private closed = false;
  private loop: Promise<void> | null = null;
  /** Its own connection (a duplicate of `redis`), opened by `start`. */
  private connection: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly pauseMs: number,
  ) {}

  /**
   * Resolves once the start position is known: the feed's last entry, or Redis's clock when it has
   * none (entries added later get ids after it). Whatever is loaded from Redis after that is as of
   * that position or later.
   */
  async start(onEntries: (entries: FeedEntry[]) => void, onLoss: () => void): Promise<void> {
    this.connection ??= this.redis.duplicate({ connectionName: `${this.redis.options.connectionName ?? 'tally'}-fraud-feed` });
    const [last] = await this.connection.xrevrange(this.key, '+', '-', 'COUNT', 1);
    const [seconds, micros] = await this.connection.time();
    this.position = last?.[0] ?? `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - 1}-0`;
    this.loop = this.follow(this.connection, onEntries, onLoss);
  }

  /** Idempotent: a second disconnect of an ended ioredis client would hold the process open for seconds. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.connection?.disconnect();
    }
    await this.loop;
  }

  private async follow(connection: Redis, onEntries: (entries: FeedEntry[]) => void, onLoss: () => void): Promise<void> {
    let suspect = false;
    while (!this.closed) {
      try {
        if (suspect || streamIdMs(this.position) < Date.now() - SUSPECT_AFTER_MS) await this.checkRetained(connection, onLoss);
        suspect = false;
        const reply = await connection.xread('COUNT', ENTRIES_PER_READ, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, this.position);
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length === 0) continue;
        onEntries(entries.map(([id, fields]) => ({ id, publisher: field(fields, 'p'), votes: field(fields, 'o') })));
        this.position = entries[entries.length - 1][0];
        await sleep(this.pauseMs);
      } catch (error) {
        if (this.closed) return;
        this.logger.warn(`Signal feed read failed, retrying: ${(error as Error).message}`);
        suspect = true;
        await sleep(RETRY_MS);
      }
    }
  }

  /** Calls onLoss when the oldest entry kept is newer than the position (entries after it may have been trimmed). */
  private async checkRetained(connection: Redis, onLoss: () => void): Promise<void> {
    const [oldest] = await connection.xrange(this.key, '-', '+', 'COUNT', 1);
    if (oldest && streamIdAfter(oldest[0], this.position)) {
      this.logger.warn(`Signal feed entries after ${this.position} may be gone (oldest kept ${oldest[0]}): the view starts over`);
      onLoss();
    }
  }
}

/** Whether stream id `a` comes after `b` ('<ms>-<seq>'; '' counts as the beginning). */
export function streamIdAfter(a: string, b: string): boolean {
  const [aMs, aSeq] = parts(a);
  const [bMs, bSeq] = parts(b);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}

function streamIdMs(id: string): number {
  return parts(id)[0];
}

function parts(id: string): [number, number] {
  const dash = id.indexOf('-');
  return dash < 0 ? [0, 0] : [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}

function field(fields: string[], name: string): string {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
