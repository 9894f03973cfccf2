import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { FEED_HEARTBEAT_SCRIPT } from './signal-scripts';

/** One published batch: who published it and its votes (JSON, VoteObservation[]). */
export interface FeedEntry {
  id: string;
  publisher: string;
  votes: string;
}

/** How long the feed keeps entries (PUBLISH_SCRIPT trims older ones). */
export const FEED_RETENTION_MS = 10 * 60_000;
/** A reader whose last heartbeat is older than this is not one: publications leave it out. */
export const READER_ALIVE_MS = 10_000;
/** How often a reader renews its heartbeat (a read blocks at most BLOCK_MS, so a loop turn comes at least this often). */
const HEARTBEAT_EVERY_MS = 1_000;
/**
 * A reader last caught up longer ago than this checks that nothing after its position was
 * trimmed: entries appended since it was caught up are at least this young (their ids are Redis's
 * time), so well inside the retention unless the clocks or the process stalled.
 */
const SUSPECT_AFTER_MS = FEED_RETENTION_MS / 2;
const BLOCK_MS = 1_000;
const RETRY_MS = 1_000;
const ENTRIES_PER_READ = 500;

/**
 * Follows the signal feed (a Redis stream every process publishes its votes to) on a connection
 * of its own (XREAD BLOCK holds it), from the position it had when it started, entry by entry, so
 * nothing published after that position is skipped. After a read that returned entries it pauses
 * `pauseMs`, so a busy feed costs one read per pause rather than one per publication. When the
 * entries after its position may be gone (an error, or a reader last caught up more than
 * `suspectAfterMs` ago, then only if the oldest entry left is newer than its position), it calls
 * `onLoss`: what was built from the feed can no longer be trusted.
 *
 * It counts as caught up when it starts and whenever a read comes back with fewer entries than it
 * asked for (nothing else was there). Not the position's age: a feed nobody appends to (a process
 * alone) keeps the position as old as its last entry, which made every turn check what is kept
 * once that entry was older than half the retention.
 *
 * It registers as a reader (a heartbeat in `<feed>:readers`, renewed every second) before it
 * takes its start position: publishers append entries only while another process reads
 * (PUBLISH_SCRIPT). A heartbeat that finds the previous one lapsed (a stall longer than
 * READER_ALIVE_MS, or Redis lost the zset) calls `onLoss` too: votes published meanwhile may have
 * had no entry.
 */
export class SignalFeed {
  private readonly logger = new Logger(SignalFeed.name);
  private position = '0-0';
  private closed = false;
  private loop: Promise<void> | null = null;
  /** Its own connection (a duplicate of `redis`), opened by `start`. */
  private connection: Redis | null = null;
  private readonly readersKey: string;
  private lastHeartbeatMs = 0;
  /** When (this process's clock) a read last began that found nothing after the position beyond what it returned. */
  private caughtUpMs = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly pauseMs: number,
    /** This process among the readers (its publications are the ones it skips). */
    private readonly readerId: string,
    private readonly suspectAfterMs = SUSPECT_AFTER_MS,
  ) {
    this.readersKey = feedReadersKey(key);
  }

  /**
   * Resolves once the start position is known: the feed's last entry, or Redis's clock when it has
   * none (entries added later get ids after it). Whatever is loaded from Redis after that is as of
   * that position or later.
   */
  async start(onEntries: (entries: FeedEntry[]) => void, onLoss: () => void): Promise<void> {
    this.connection ??= this.redis.duplicate({ connectionName: `${this.redis.options.connectionName ?? 'tally'}-fraud-feed` });
    await this.heartbeat(this.connection);
    // Caught up as of before the start position is read: whatever comes after it is appended later.
    this.caughtUpMs = Date.now();
    const [last] = await this.connection.xrevrange(this.key, '+', '-', 'COUNT', 1);
    const [seconds, micros] = await this.connection.time();
    this.position = last?.[0] ?? `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - 1}-0`;
    this.loop = this.follow(this.connection, onEntries, onLoss);
  }

  /** Idempotent: a second disconnect of an ended ioredis client would hold the process open for seconds. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      // Publishers stop appending for it at once rather than after READER_ALIVE_MS.
      await this.connection?.zrem(this.readersKey, this.readerId).catch(() => undefined);
      this.connection?.disconnect();
    }
    await this.loop;
  }

  private async follow(connection: Redis, onEntries: (entries: FeedEntry[]) => void, onLoss: () => void): Promise<void> {
    let suspect = false;
    while (!this.closed) {
      try {
        if (suspect || this.caughtUpMs < Date.now() - this.suspectAfterMs) await this.checkRetained(connection, onLoss);
        suspect = false;
        if (Date.now() - this.lastHeartbeatMs >= HEARTBEAT_EVERY_MS && !(await this.heartbeat(connection))) {
          this.logger.warn(`Signal feed reader ${this.readerId} was not counted as one for a while (stalled, or Redis lost its registration): the view starts over`);
          onLoss();
        }
        const readMs = Date.now();
        const reply = await connection.xread('COUNT', ENTRIES_PER_READ, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, this.position);
        const entries = reply?.[0]?.[1] ?? [];
        // Taken before the read: whatever it did not return was appended after then.
        if (entries.length < ENTRIES_PER_READ) this.caughtUpMs = readMs;
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

  /** Renews this reader's registration; false when the previous one had lapsed (or there was none). */
  private async heartbeat(connection: Redis): Promise<boolean> {
    const continuous = await connection.eval(FEED_HEARTBEAT_SCRIPT, 1, this.readersKey, this.readerId, READER_ALIVE_MS);
    this.lastHeartbeatMs = Date.now();
    return continuous === 1;
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

/** The zset of the feed's readers' heartbeats (reader id → Redis time in ms). */
export function feedReadersKey(feedKey: string): string {
  return `${feedKey}:readers`;
}

/** Whether stream id `a` comes after `b` ('<ms>-<seq>'; '' counts as the beginning). */
export function streamIdAfter(a: string, b: string): boolean {
  const [aMs, aSeq] = parts(a);
  const [bMs, bSeq] = parts(b);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
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
