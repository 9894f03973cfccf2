import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventFilter, EventStore, GlobalPosition, RecordedEvent } from '../event-store.port';
import { checkpoints } from './checkpoints';
import { DeadLetter, deadLetters } from './dead-letters';
import { readParkedEvent } from './parked-event-replay';
import { ProjectionRegistry } from './projection-registry';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';

/**
 * Events of one kind on their way from the log into the read models that consume them, e.g.
 * votes into the vote list and the leaderboard (the SPEC's vote_queue). Nothing is written to
 * keep it: the log is the queue, each consumer's checkpoint is how far it has taken from it, and
 * es_dead_letters holds what it could not apply. So the hot path pays nothing for it.
 */
export interface LogQueue {
  /** The projections every event must reach (unknown names are ignored: not run in this graph). */
  consumers: readonly string[];
  filter: EventFilter;
}

/**
 * pending: past some consumer's checkpoint; applied: every consumer has it; retrying: a consumer
 * parked it and its background retries are not used up; dead: parked with no retry left (an operator's turn).
 */
export type QueuedEventStatus = 'pending' | 'applied' | 'retrying' | 'dead';

export interface QueuedEvent {
  event: RecordedEvent;
  status: QueuedEventStatus;
  /** Background retries so far (the most of any consumer that parked it). */
  retryCount: number;
  /** The soonest background retry due, if parked with retries left. */
  nextRetryAt: Date | null;
}

export interface QueuePage {
  items: QueuedEvent[];
  /** A position: pass it back as `cursor` for the next page; null on the last one. */
  nextCursor: GlobalPosition | null;
}

export interface QueueDepth {
  /** Not yet applied by every consumer, counted up to the cap. */
  pending: number;
  pendingCapped: boolean;
  retrying: number;
  dead: number;
}

/** Parked events read per consumer for a page or a count (they are few: the runner stops parking past PROJECTIONS_MAX_PARKED_IN_A_ROW). */
const PARKED_LIMIT = 10_000;

/**
 * Pages through a LogQueue. Unfiltered and `applied` pages go newest first (backwards from the
 * end, or from the slowest consumer's checkpoint); `pending`, `retrying` and `dead` go oldest
 * first, as a queue is worked. A cursor is the position of the last event of the page.
 */
@Injectable()
export class LogQueueView {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
  ) {}

  async page(queue: LogQueue, request: { status?: QueuedEventStatus; cursor?: GlobalPosition; limit: number }): Promise<QueuePage> {
    const parked = await this.parked(queue);
    if (request.status === 'retrying' || request.status === 'dead') return this.parkedPage(parked, request.status, request.cursor, request.limit);
    const slowest = await this.slowestCheckpoint(queue);
    const status = (event: RecordedEvent) => statusOf(event, parked, slowest);
    if (request.status === 'pending') {
      // Nothing at or before the slowest checkpoint is pending: start there.
      const from = request.cursor !== undefined && (slowest === null || request.cursor > slowest) ? request.cursor : (slowest ?? 'start');
      const events = await this.store.readAll({ from, filter: queue.filter, maxCount: request.limit + 1 });
      return pageOf(events, request.limit, (event) => ({ event, ...status(event) }), (item) => item.status === 'pending');
    }
    // GlobalPosition is a string; 'end' is the store's sentinel for "the newest".
    let from: string = request.cursor ?? 'end';
    if (request.status === 'applied' && request.cursor === undefined) {
      if (slowest === null) return { items: [], nextCursor: null };
      // Backwards reads exclude their start: begin just past the slowest checkpoint to include it.
      const [next] = await this.store.readAll({ from: slowest, maxCount: 1 });
      from = next?.position ?? 'end';
    }
    const events = await this.store.readAll({ direction: 'backwards', from, filter: queue.filter, maxCount: request.limit + 1 });
    return pageOf(events, request.limit, (event) => ({ event, ...status(event) }), (item) => request.status === undefined || item.status === request.status);
  }

  /** Pending events are counted up to PROJECTIONS_LAG_COUNT_CAP, as projections:list counts lag: a scrape never reads a whole backlog. */
  async depth(queue: LogQueue, cap = this.config.lagCountCap): Promise<QueueDepth> {
    const parked = await this.parked(queue);
    const slowest = await this.slowestCheckpoint(queue);
    const pending = await this.store.readAll({ from: slowest ?? 'start', filter: queue.filter, maxCount: cap + 1 });
    const counts = { retrying: 0, dead: 0 };
    for (const letters of parked.values()) counts[parkedStatus(letters)] += 1;
    return { pending: Math.min(pending.length, cap), pendingCapped: pending.length > cap, ...counts };
  }

  /** The checkpoint of the consumer furthest behind; null when one has not started (everything is pending). */
  private async slowestCheckpoint(queue: LogQueue): Promise<GlobalPosition | null> {
    let slowest: GlobalPosition | undefined;
    for (const name of queue.consumers) {
      const projection = this.registry.find(name);
      if (!projection) continue;
      const position = (await checkpoints.load(this.orm.em.fork(), projection.name, projection.version))?.position ?? null;
      if (position === null) return null;
      // Positions of both stores sort as text (formatPgPosition, formatEsdbPosition).
      if (slowest === undefined || position < slowest) slowest = position;
    }
    return slowest ?? null;
  }

  /** Unreplayed dead letters of the queue's events, by event id. */
  private async parked(queue: LogQueue): Promise<Map<string, DeadLetter[]>> {
    const types = queue.filter.eventTypes;
    const prefixes = queue.filter.streamPrefixes;
    const byEvent = new Map<string, DeadLetter[]>();
    for (const name of queue.consumers) {
      const projection = this.registry.find(name);
      if (!projection) continue;
      for (const letter of await deadLetters.list(this.orm.em.fork(), { consumer: name, limit: PARKED_LIMIT })) {
        if (letter.version !== projection.version) continue;
        if (types && !types.includes(letter.eventType)) continue;
        if (prefixes && !prefixes.some((prefix) => letter.streamId.startsWith(prefix))) continue;
        byEvent.set(letter.eventId, [...(byEvent.get(letter.eventId) ?? []), letter]);
      }
    }
    return byEvent;
  }

  private async parkedPage(parked: Map<string, DeadLetter[]>, status: 'retrying' | 'dead', cursor: GlobalPosition | undefined, limit: number): Promise<QueuePage> {
    const matching = [...parked.values()]
      .filter((letters) => parkedStatus(letters) === status && (cursor === undefined || letters[0].position > cursor))
      .sort((a, b) => (a[0].position < b[0].position ? -1 : 1));
    const page = matching.slice(0, limit);
    const items: QueuedEvent[] = [];
    for (const letters of page) items.push({ event: await readParkedEvent(this.store, letters[0]), status, ...retriesOf(letters) });
    return { items, nextCursor: matching.length > limit ? (page.at(-1)?.[0].position ?? null) : null };
  }
}

function statusOf(event: RecordedEvent, parked: Map<string, DeadLetter[]>, slowest: GlobalPosition | null): Omit<QueuedEvent, 'event'> {
  const letters = parked.get(event.id);
  if (letters) return { status: parkedStatus(letters), ...retriesOf(letters) };
  const applied = slowest !== null && event.position <= slowest;
  return { status: applied ? 'applied' : 'pending', retryCount: 0, nextRetryAt: null };
}

/** Retrying while any consumer that parked it still has a background retry to come. */
function parkedStatus(letters: readonly DeadLetter[]): 'retrying' | 'dead' {
  return letters.some((letter) => letter.nextRetryAt !== null) ? 'retrying' : 'dead';
}

function retriesOf(letters: readonly DeadLetter[]): Pick<QueuedEvent, 'retryCount' | 'nextRetryAt'> {
  const due = letters.map((letter) => letter.nextRetryAt?.getTime()).filter((time): time is number => time !== undefined);
  return { retryCount: Math.max(...letters.map((letter) => letter.retries)), nextRetryAt: due.length ? new Date(Math.min(...due)) : null };
}

/** One page of what was read (limit + 1 events): the cursor is the last event read, so filtered-out ones are not read again. */
function pageOf(events: RecordedEvent[], limit: number, toItem: (event: RecordedEvent) => QueuedEvent, keep: (item: QueuedEvent) => boolean): QueuePage {
  const read = events.slice(0, limit);
  return { items: read.map(toItem).filter(keep), nextCursor: events.length > limit ? (read.at(-1)?.position ?? null) : null };
}
