import { BACKWARDS, END, EventStoreDBClient, FORWARDS, excludeSystemEvents, Position, START } from '@eventstore/db-client';
import { uuidv7 } from '@tally/platform';
import { AppendConditionsUnsupportedError } from '../event-store.errors';
import {
  AppendOptions,
  AppendResult,
  DeleteStreamOptions,
  EventFilter,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import {
  formatEsdbPosition,
  fromEsdbEvent,
  fromEsdbStreamMetadata,
  mapEsdbError,
  matchesFilter,
  parseEsdbPosition,
  toEsdbDeleteExpectedRevision,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbFilter,
  toEsdbStreamMetadata,
  withoutDataFields,
} from './esdb-mappings';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  upcasters?: UpcasterRegistry;
}

const PAGE = 500;

/**
 * The EventStore port on EventStoreDB/KurrentDB through @eventstore/db-client 6 (used when
 * EVENTSTORE_URL is set). Positions are `$all` positions; system and link events never
 * surface; schema versions ride in event metadata.
 */
export class EsdbEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
  }

  /** Connects lazily (the client dials on first use); `kurrentdb://` URLs are accepted as `esdb://`. */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(url.replace(/^kurrentdb(\+discover)?:/, 'esdb$1:')), options);
  }

  /**
   * EventStoreDB checks one stream's expected revision per append and has no multi-stream
   * transaction, so a condition on another stream could only be read first and then trusted:
   * another writer can append to it in between. Rather than a check that looks atomic and is
   * not, this adapter refuses conditions (AppendConditionsUnsupportedError, nothing appended);
   * callers see `supportsAppendConditions` and read the other stream fresh instead (the
   * CommandRunner's readGuarded does). See README.md "Append conditions".
   */
  readonly supportsAppendConditions = false;

  async append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision, options?: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`Append to ${streamId} needs at least one event`);
    if (options?.conditions?.length) throw new AppendConditionsUnsupportedError(streamId);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) => toEsdbEventData(event, event.id ?? uuidv7())),
        { expectedRevision: toEsdbExpectedRevision(expectedRevision) },
      );
      if (!result.position) throw new Error('EventStoreDB returned no position for an append');
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: formatEsdbPosition(result.position) };
    } catch (error) {
      throw mapEsdbError(error, streamId, expectedRevision);
    }
  }

  async readStream<Data = unknown>(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent<Data>[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const events: RecordedEvent<Data>[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) {
        const event = fromEsdbEvent(resolved);
        if (event) events.push(this.upcasters.upcast<Data>(event));
      }
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.from ?? (direction === 'forwards' ? 'start' : 'end');
    if ((direction === 'forwards' && from === 'end') || (direction === 'backwards' && from === 'start')) return [];
    return this.scanAll(direction, from, options.filter, options.maxCount ?? Number.MAX_SAFE_INTEGER, options.omitData);
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    if (options.from !== 'start') parseEsdbPosition(options.from);
    const subscription: EsdbSubscription = new EsdbSubscription(
      {
        open: (onCheckpoint) => {
          const checkpoints = { checkpointInterval: 1, checkpointReached: (_: unknown, position: Position) => onCheckpoint(position) };
          return this.client.subscribeToAll({
            fromPosition: options.from === 'start' ? START : parseEsdbPosition(options.from),
            filter: toEsdbFilter(options.filter, checkpoints) ?? excludeSystemEvents(checkpoints),
          });
        },
        // Unfiltered on purpose: finding the newest *matching* event could scan all of $all.
        head: this.headPosition(),
        from: options.from,
        filter: options.filter,
        batchSize: options.batchSize ?? 100,
        upcast: (event) => this.upcasters.upcast(event),
        handler,
      },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition | null> {
    const [newest] = await this.scanAll('backwards', 'end', undefined, 1);
    return newest?.position ?? null;
  }

  async deleteStream(streamId: string, options: DeleteStreamOptions = {}): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    const settings = { expectedRevision: toEsdbDeleteExpectedRevision(expected) };
    try {
      if (options.tombstone) await this.client.tombstoneStream(streamId, settings);
      else await this.client.deleteStream(streamId, settings);
    } catch (error) {
      throw mapEsdbError(error, streamId, expected);
    }
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    try {
      await this.client.setStreamMetadata(streamId, toEsdbStreamMetadata(metadata));
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    try {
      return fromEsdbStreamMetadata((await this.client.getStreamMetadata(streamId)).metadata);
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }

  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readAll({ maxCount: 1 })) break;
    } catch (error) {
      throw mapEsdbError(error, '$all');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /**
   * readAll of client 6 has no server-side filter: page through $all, skipping system events and
   * what the filter rejects, until maxCount events matched. Starts are exclusive.
   */
  private async scanAll(
    direction: 'forwards' | 'backwards',
    /** A position, or the literals 'start' / 'end'. */
    from: string,
    filter: EventFilter | undefined,
    maxCount: number,
    omitData: readonly string[] = [],
  ): Promise<RecordedEvent[]> {
    const matched: RecordedEvent[] = [];
    let cursor = from;
    try {
      for (;;) {
        let seen = 0;
        const page = this.client.readAll({
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromPosition: cursor === 'start' ? START : cursor === 'end' ? END : parseEsdbPosition(cursor),
          maxCount: PAGE,
        });
        let last: GlobalPosition | undefined;
        for await (const resolved of page) {
          seen += 1;
          const position = resolved.event?.position;
          if (position) last = formatEsdbPosition(position);
          const event = fromEsdbEvent(resolved);
          if (!event || !matchesFilter(event, filter)) continue;
          if (cursor !== 'start' && cursor !== 'end' && (direction === 'forwards' ? event.position <= cursor : event.position >= cursor)) continue;
          matched.push(this.upcasters.upcast(withoutDataFields(event, omitData)));
          if (matched.length >= maxCount) {
            await page.cancel();
            return matched;
          }
        }
        if (seen < PAGE || last === undefined || last === cursor) return matched;
        cursor = last;
      }
    } catch (error) {
      throw mapEsdbError(error, '$all');
    }
  }
}
