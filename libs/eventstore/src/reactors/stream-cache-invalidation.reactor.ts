import { Logger } from '@nestjs/common';
import { CacheKey, QueryCache } from '@tally/platform';
import { AppendObservers } from '../append-observers';
import { RecordedEvent } from '../event-store.port';
import { ReadPositionWaiter } from '../read-your-writes/read-position-waiter';
import { BatchReactor } from './reactor';

/**
 * Events of other streams that change a cached result through read models (a moderator's
 * approval shown on a contest page): invalidated once `projections` have applied them, since a
 * reader reloading before that would cache the old rows again.
 */
export interface ReadModelChanges {
  streamPrefix: string;
  eventTypes: readonly string[];
  projections: readonly string[];
  /** The stream whose cached result the event changes, or null for none. */
  cachedStreamOf(event: RecordedEvent): string | null;
}

/** A query result cached per stream (its key's id is the stream id) and the events that change it. */
export interface StreamCacheRule {
  /** The reactor's name (its checkpoint), e.g. `tenancy.tenant-state-cache`. */
  name: string;
  /** The cache namespace of the results, e.g. `tenancy.tenant-state`. */
  namespace: string;
  streamPrefix: string;
  eventTypes: readonly string[];
  readModelChanges?: ReadModelChanges;
}

/**
 * Invalidation by event of query results cached per stream (docs/scaling.md "Query result cache").
 * Two paths, so that the bound is tight and nothing is missed:
 * - the process that appends one of `eventTypes` to such a stream invalidates at once, when the
 *   append has committed (an append observer): its own next read, on the same Redis connection,
 *   sees the change, and other processes get the message a Redis round trip later;
 * - this reactor invalidates every such event again from the log, whichever process (or tool)
 *   appended it, at least once: an invalidation that could not reach Redis is retried and parked
 *   like any reactor's effect. Once caught up it sees an event within a poll of the runner.
 * `readModelChanges` take the second path only, after their projections (ReadModelChanges).
 * A second invalidation of a key costs a Redis MULTI and drops nothing that was fresh.
 */
export abstract class StreamCacheInvalidationReactor implements BatchReactor {
  readonly name: string;
  readonly filter: { streamPrefixes: string[]; eventTypes: string[] };
  readonly batchSize = 500;
  private readonly logger: Logger;

  protected constructor(
    private readonly rule: StreamCacheRule,
    private readonly cache: QueryCache,
    observers: AppendObservers,
    /** Needed with `rule.readModelChanges`. */
    private readonly waiter?: ReadPositionWaiter,
  ) {
    const changes = rule.readModelChanges;
    if (changes && !waiter) throw new Error(`${rule.name}: read-model changes need the ReadPositionWaiter`);
    this.name = rule.name;
    this.filter = { streamPrefixes: [rule.streamPrefix, ...(changes ? [changes.streamPrefix] : [])], eventTypes: [...rule.eventTypes, ...(changes?.eventTypes ?? [])] };
    this.logger = new Logger(rule.name);
    observers.add((streamId, events) => this.appended(streamId, events));
  }

  async reactBatch(events: readonly RecordedEvent[]): Promise<void> {
    const streams = new Set(events.filter((event) => this.changes(event.streamId, event.type)).map((event) => event.streamId));
    await this.cache.invalidate([...streams].map((streamId) => this.keyOf(streamId)));
    await this.afterReadModels(events);
  }

  react(event: RecordedEvent): Promise<void> {
    return this.reactBatch([event]);
  }

  private async afterReadModels(events: readonly RecordedEvent[]): Promise<void> {
    const changes = this.rule.readModelChanges;
    const changing = changes ? events.filter((event) => event.streamId.startsWith(changes.streamPrefix) && changes.eventTypes.includes(event.type)) : [];
    if (!changes || changing.length === 0) return;
    const last = changing[changing.length - 1].position;
    // Thrown, the batch is tried again (then parked and retried in the background) rather than invalidated too early.
    if (!(await this.waiter!.waitFor(changes.projections, last))) throw new Error(`${changes.projections.join(', ')} have not applied ${last} yet`);
    const streams = new Set(changing.flatMap((event) => changes.cachedStreamOf(event) ?? []));
    await this.cache.invalidate([...streams].map((streamId) => this.keyOf(streamId)));
  }

  /** Told of every append in this process, votes included: a prefix check is all most of them cost. */
  private appended(streamId: string, events: readonly { type: string }[]): void {
    if (!streamId.startsWith(this.rule.streamPrefix) || !events.some((event) => this.rule.eventTypes.includes(event.type))) return;
    // The reactor repeats it from the log: a failure here only delays other processes.
    this.cache.invalidate([this.keyOf(streamId)]).catch((error: unknown) => this.logger.warn({ err: error, streamId }, 'Cache invalidation not sent; the reactor will send it'));
  }

  private changes(streamId: string, type: string): boolean {
    return streamId.startsWith(this.rule.streamPrefix) && this.rule.eventTypes.includes(type);
  }

  private keyOf(streamId: string): CacheKey {
    return { namespace: this.rule.namespace, id: streamId };
  }
}
