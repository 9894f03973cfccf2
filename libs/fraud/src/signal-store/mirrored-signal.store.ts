import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { FEED_RETENTION_MS, FeedEntry, feedReadersKey, READER_ALIVE_MS, SignalFeed, streamIdAfter } from './signal-feed';
import { KEY_KINDS, KEY_NAMES, signalKeys } from './signal-keys';
import { addVote, parsePlace, parseTimes, PUBLISH_SCRIPT, ScriptCall, SNAPSHOT_SCRIPT } from './signal-scripts';
import { ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';
import { emptyEntry, SignalView, ViewEntry } from './signal-view';

type Kind = ViewEntry['kind'];
type SnapshotState = string | string[];

interface MirrorCommands {
  fraudPublish(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<string>;
  fraudSnapshot(numberOfKeys: number, ...keysAndArgs: string[]): Promise<[string, ...SnapshotState[]]>;
}

/** A key being loaded: the votes the feed brought for it meanwhile wait here. */
interface Loading {
  kind: Kind;
  generation: number;
  fedMeanwhile: { id: string; vote: VoteObservation }[];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface MirrorOptions {
  /** Key prefix (`<prefix>fraud:…`), as RedisSignalStore's. */
  prefix: string;
  /** How long recorded votes wait to be published together, and the feed reader's pause between reads. */
  flushMs: number;
  /** The most votes one publication carries. */
  batchMax: number;
  /** How long the feed reader may go without being caught up before it checks for trimmed entries (SignalFeed; default half the feed's retention). */
  feedSuspectAfterMs?: number;
}

const KIND_CODES: Record<Kind, string> = { window: 'w', set: 's', times: 't', place: 'p' };
const KEYS_PER_SNAPSHOT = 256;
/** Votes kept for publication while Redis cannot take them; beyond this the oldest are dropped (and counted in the log). */
const OUTBOX_MAX = 100_000;

/**
 * The signal state with Redis, read from a mirror in this process (libs/fraud/README.md "The hot
 * path"). Redis holds every key, as with RedisSignalStore; this process holds the keys its votes
 * use (a SignalView), so a vote is counted and scored synchronously, exactly against every vote
 * this process saw before it. The votes of other processes arrive through the signal feed
 * within about two `flushMs`.
 *
 * - A key the view lacks is loaded first (one SNAPSHOT_SCRIPT call for the keys the votes of one
 *   event-loop turn lack), as of a feed position P: the feed then adds only what came after P.
 * - Recorded votes are published every `flushMs` (PUBLISH_SCRIPT: applied to Redis's keys and,
 *   while another process reads the feed, appended to it in one step), never on the vote's own
 *   path. A process alone sends no feed entries and reads none back.
 * - Own votes are in the view already and skipped when the feed brings them back; those still
 *   waiting to be published when a key is loaded are added to it (the snapshot cannot hold them:
 *   the publication and the snapshot go down one connection, in order).
 * - When the feed may have lost entries, the view starts over (every key is loaded again).
 */
export class MirroredSignalStore implements SignalStore, BeforeApplicationShutdown {
  private readonly logger = new Logger(MirroredSignalStore.name);
  private readonly client: Redis & MirrorCommands;
  private readonly view = new SignalView();
  private readonly feed: SignalFeed;
  private readonly feedKey: string;
  /** This process in the feed: its own entries are skipped. */
  private readonly publisher = randomBytes(9).toString('base64url');
  private starting: Promise<void> | null = null;
  /** Publication is failing (warned once until it recovers). */
  private failing = false;
  private readonly loading = new Map<string, Loading>();
  private wanted: string[] = [];
  private outbox: VoteObservation[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** Bumped when the view starts over: loads sent before then are not kept. */
  private generation = 0;
  private dropped = 0;
  /** Whether another process read the feed at the last publication: only then do the votes' JSON go with the next. */
  private othersRead = true;

  constructor(
    redis: Redis,
    private readonly options: MirrorOptions,
  ) {
    if (!('fraudPublish' in redis)) redis.defineCommand('fraudPublish', { lua: PUBLISH_SCRIPT });
    if (!('fraudSnapshot' in redis)) redis.defineCommand('fraudSnapshot', { lua: SNAPSHOT_SCRIPT });
    this.client = redis as Redis & MirrorCommands;
    this.feedKey = `${options.prefix}fraud:feed`;
    // Followed from the first load on: a process that scores no vote (the worker, screening off) never reads it.
    this.feed = new SignalFeed(redis, this.feedKey, options.flushMs, this.publisher, options.feedSuspectAfterMs);
  }

  observe(observation: VoteObservation): ObservedSignals | Promise<ObservedSignals> {
    return this.run(observation, true);
  }

  peek(observation: VoteObservation): ObservedSignals | Promise<ObservedSignals> {
    return this.run(observation, false);
  }

  /** Before the Redis connection closes with the application. */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Publishes what is left and stops following the feed. */
  async close(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flushing;
    await this.flush();
    await this.feed.close();
  }

  /** Synchronous when the view holds every key the vote uses; otherwise after loading those it lacks. */
  private run(o: VoteObservation, record: boolean): ObservedSignals | Promise<ObservedSignals> {
    const keys = signalKeys(this.options.prefix, o);
    const lacking = KEY_NAMES.flatMap((name) => {
      const key = keys[name];
      return key !== null && !this.view.has(key) ? [{ key, kind: KEY_KINDS[name] }] : [];
    });
    if (lacking.length > 0) return this.load(lacking).then(() => this.run(o, record));
    const seen = this.view.observe(keys, o, record);
    if (record) this.enqueue(o);
    return seen;
  }

  /**
   * Loads wait for the feed's start position: a key loaded before it could miss what the feed
   * skips. A failed start (Redis down) fails the loads waiting on it and is tried again by the next.
   */
  private ready(): Promise<void> {
    this.starting ??= this.feed
      .start(
        (entries) => this.applyFeed(entries),
        () => this.startOver(),
      )
      .catch((error: unknown) => {
        this.starting = null;
        throw error;
      });
    return this.starting;
  }

  private async load(keys: { key: string; kind: Kind }[]): Promise<void> {
    await this.ready();
    await Promise.all(keys.map(({ key, kind }) => this.loading.get(key)?.done ?? this.want(key, kind)));
  }

  private want(key: string, kind: Kind): Promise<void> {
    if (this.wanted.length === 0) setImmediate(() => this.loadWanted());
    this.wanted.push(key);
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    this.loading.set(key, { kind, generation: this.generation, fedMeanwhile: [], done, resolve, reject });
    return done;
  }

  private loadWanted(): void {
    const wanted = this.wanted;
    this.wanted = [];
    for (let from = 0; from < wanted.length; from += KEYS_PER_SNAPSHOT) void this.snapshot(wanted.slice(from, from + KEYS_PER_SNAPSHOT));
  }

  /** Loads keys as of the feed's position, adding what the feed brought meanwhile and own votes not yet published. */
  private async snapshot(keys: string[]): Promise<void> {
    const loads = keys.map((key) => this.loading.get(key)!);
    const unpublished = [...this.outbox];
    try {
      const [asOf, ...states] = await this.client.fraudSnapshot(keys.length + 1, ...keys, this.feedKey, ...loads.map((l) => KIND_CODES[l.kind]));
      keys.forEach((key, i) => {
        const load = loads[i];
        this.loading.delete(key);
        if (load.generation === this.generation) this.keep(key, parseEntry(load.kind, states[i], asOf), load, unpublished);
        load.resolve();
      });
    } catch (error) {
      keys.forEach((key, i) => {
        this.loading.delete(key);
        loads[i].reject(error);
      });
    }
  }

  private keep(key: string, entry: ViewEntry, load: Loading, unpublished: readonly VoteObservation[]): void {
    this.view.put(key, entry);
    const onlyThis = (held: ViewEntry): boolean => held === entry;
    for (const { id, vote } of load.fedMeanwhile) if (streamIdAfter(id, entry.asOf)) this.view.apply(signalKeys(this.options.prefix, vote), vote, onlyThis);
    for (const vote of unpublished) this.view.apply(signalKeys(this.options.prefix, vote), vote, onlyThis);
  }

  /** Other processes' votes, into the keys held as of before them (and those being loaded). */
  private applyFeed(entries: FeedEntry[]): void {
    // Nothing held, nothing loading: nothing to add to (a key loaded later is as of after these).
    if (this.view.size === 0 && this.loading.size === 0) return;
    for (const entry of entries) {
      if (entry.publisher === this.publisher) continue;
      const after = (held: ViewEntry): boolean => streamIdAfter(entry.id, held.asOf);
      for (const vote of JSON.parse(entry.votes) as VoteObservation[]) {
        const keys = signalKeys(this.options.prefix, vote);
        this.view.apply(keys, vote, after);
        if (this.loading.size === 0) continue;
        for (const name of KEY_NAMES) {
          const key = keys[name];
          if (key !== null) this.loading.get(key)?.fedMeanwhile.push({ id: entry.id, vote });
        }
      }
    }
  }

  private startOver(): void {
    this.generation++;
    this.view.clear();
  }

  private enqueue(vote: VoteObservation): void {
    this.outbox.push(vote);
    if (this.outbox.length > OUTBOX_MAX) this.dropped += this.outbox.splice(0, this.outbox.length - OUTBOX_MAX).length;
    if (!this.flushTimer && !this.flushing) this.flushTimer = setTimeout(() => this.startFlush(), this.options.flushMs);
  }

  private startFlush(): void {
    this.flushTimer = null;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.outbox.length > 0 && !this.flushTimer) this.flushTimer = setTimeout(() => this.startFlush(), this.options.flushMs);
    });
  }

  /** Publishes the outbox in batches; a batch Redis refused goes back to the front, for the next flush. */
  private async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.splice(0, this.options.batchMax);
      try {
        await this.publish(batch);
        if (this.failing) this.logger.log(`Fraud signal observations are published again (${this.dropped} dropped meanwhile: at most ${OUTBOX_MAX} wait)`);
        this.failing = false;
        this.dropped = 0;
      } catch (error) {
        this.outbox.unshift(...batch);
        if (!this.failing) this.logger.warn(`Publishing fraud signal observations failed; they wait for the next flush: ${(error as Error).message}`);
        this.failing = true;
        return;
      }
    }
  }

  /**
   * One PUBLISH_SCRIPT call. The votes' JSON (the feed entry) goes only when another process read
   * the feed last time; when one has started reading since, the script applies nothing and asks
   * for it ('feed-wanted'), and the call is made again with it.
   */
  private async publish(batch: readonly VoteObservation[]): Promise<void> {
    const call: ScriptCall = { keys: [], args: [] };
    for (const vote of batch) addVote(call, this.options.prefix, vote, true);
    call.keys.push(this.feedKey, feedReadersKey(this.feedKey));
    const send = (json: string): Promise<string> => this.client.fraudPublish(call.keys.length, ...call.keys, ...call.args, this.publisher, json, FEED_RETENTION_MS, READER_ALIVE_MS);
    let reply = await send(this.othersRead ? JSON.stringify(batch) : '');
    if (reply === 'feed-wanted') reply = await send(JSON.stringify(batch));
    this.othersRead = reply !== '';
  }
}

/** A key's state as SNAPSHOT_SCRIPT returns it, as of the feed position `asOf`. */
function parseEntry(kind: Kind, state: SnapshotState, asOf: string): ViewEntry {
  const entry = emptyEntry(kind, asOf);
  if (entry.kind === 'window') {
    const flat = state as string[];
    for (let i = 0; i < flat.length; i += 2) entry.members.set(flat[i], Number(flat[i + 1]));
  } else if (entry.kind === 'set') {
    for (const member of state as string[]) entry.members.add(member);
  } else if (entry.kind === 'times') {
    entry.times = parseTimes(state as string)
      .sort((a, b) => a - b)
      .slice(-RECENT_VOTES_KEPT);
  } else {
    entry.place = parsePlace(state as string);
  }
  return entry;
}
