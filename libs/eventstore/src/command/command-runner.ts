import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@tally/platform';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { EVENT_STORE, EventStore, EventToAppend, NO_STREAM_REVISION, StreamCondition } from '../event-store.port';
import { noteWrittenPosition } from '../read-your-writes/written-position';
import { CommandMetadata, eventMetadataOf } from './command-metadata';
import { DomainEvent } from './domain-event';
import { StateCache } from './state-cache';
import { Decision, DecisionOutcome, GuardedState, StreamDecider } from './stream-decider';

const MAX_ATTEMPTS = 8;

/**
 * Runs a decision against a stream: load (fold) → decide → append with the expected revision,
 * retrying on a concurrent append. States are cached by revision, and a cached state is
 * trusted optimistically: the append's expected revision catches a stale one. A refusal or an
 * empty decision made on a cached state is confirmed against a fresh read first, because no
 * append will check it.
 *
 * A decision may carry append conditions on other streams (Decision.conditions, read with
 * readGuarded); a failed one is the caller's to handle (StreamConditionFailedError, no retry).
 *
 * Decisions on the same stream within this process run one after another (a per-stream
 * queue): they would only conflict with each other, and a hot stream (30 concurrent votes of
 * one voter) would exhaust the retries. The expected revision still guards against other
 * processes.
 */
@Injectable()
export class CommandRunner {
  private readonly cache = new StateCache(50_000);
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly loading = new Map<string, { current: Promise<unknown>; next?: Promise<unknown> }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  run<State, Event extends DomainEvent>(decision: Decision<State, Event>, metadata: CommandMetadata): Promise<DecisionOutcome<State, Event>> {
    const key = `${decision.decider.aggregate}:${decision.streamId}`;
    const previous = this.queues.get(key);
    const outcome = previous
      ? previous.then(() => this.runNow(key, decision, metadata))
      : this.runNow(key, decision, metadata);
    const settled = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return outcome;
  }

  private async runNow<State, Event extends DomainEvent>(
    key: string,
    decision: Decision<State, Event>,
    metadata: CommandMetadata,
  ): Promise<DecisionOutcome<State, Event>> {
    let trustCache = true;
    for (let attempt = 1; ; attempt++) {
      const cached = trustCache ? this.cache.get<State>(key) : undefined;
      const loaded = cached ?? (await this.load(decision.decider, decision.streamId));
      let events: readonly Event[];
      try {
        events = decision.decide(loaded.state, loaded.revision);
      } catch (refusal) {
        if (!cached) throw refusal;
        trustCache = false;
        continue;
      }
      if (events.length === 0) {
        if (cached) {
          trustCache = false;
          continue;
        }
        this.cache.set(key, loaded.revision, loaded.state);
        return { state: loaded.state, events, revision: loaded.revision, position: null };
      }
      try {
        const expected = loaded.revision === NO_STREAM_REVISION ? 'no_stream' : loaded.revision;
        const conditions = decision.conditions?.();
        const appended = await this.store.append(
          decision.streamId,
          events.map((event) => toAppend(event, metadata)),
          expected,
          conditions && conditions.length > 0 ? { conditions } : undefined,
        );
        // The request's answer carries this position (Tally-Position) so its next read can wait for it.
        noteWrittenPosition(appended.position);
        const state = events.reduce((current, event) => decision.decider.evolve(current, event), loaded.state);
        this.cache.set(key, appended.nextExpectedRevision, state);
        return { state, events, revision: appended.nextExpectedRevision, position: appended.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        this.cache.delete(key);
        trustCache = false;
        await backoff(attempt);
      }
    }
  }

  /**
   * A state of another stream to decide on, with the append condition that validates the
   * decision at append time (README.md "Append conditions"). When the store enforces conditions
   * and the stream is cached, the cached state with no store round trip (`fromCache`: a refusal
   * decided on it must be confirmed with `{ fresh: true }`); otherwise load(). On a store without
   * conditions (EventStoreDB) always a fresh load() and no condition, as before conditions.
   * Synchronous when cached, so the hot path adds no await.
   */
  readGuarded<State, Event extends DomainEvent>(
    decider: StreamDecider<State, Event>,
    streamId: string,
    options: { fresh?: boolean } = {},
  ): GuardedState<State> | Promise<GuardedState<State>> {
    const guarded = this.store.supportsAppendConditions;
    if (guarded && !options.fresh) {
      const cached = this.cache.get<State>(`${decider.aggregate}:${streamId}`);
      if (cached) return { state: cached.state, revision: cached.revision, fromCache: true, condition: conditionAt(streamId, cached.revision) };
    }
    return this.load(decider, streamId).then(({ state, revision }) => ({
      state,
      revision,
      fromCache: false,
      condition: guarded ? conditionAt(streamId, revision) : null,
    }));
  }

  /**
   * Folds a stream from the start (or from the cached state) into its current state, read after
   * this call began. Concurrent loads of one stream share reads: a call that arrives while a read
   * is in flight joins the next read (which starts when that one ends), so a hot stream read by
   * every request (the contest of a vote) costs about one query per round trip, not one per
   * request, and nobody gets a state older than their call.
   */
  load<State, Event extends DomainEvent>(decider: StreamDecider<State, Event>, streamId: string): Promise<{ state: State; revision: number }> {
    type Loaded = Promise<{ state: State; revision: number }>;
    const key = `${decider.aggregate}:${streamId}`;
    const flight = this.loading.get(key);
    if (flight) {
      flight.next ??= flight.current.then(
        () => this.loadNow(decider, streamId),
        () => this.loadNow(decider, streamId),
      );
      return flight.next as Loaded;
    }
    const started: { current: Promise<unknown>; next?: Promise<unknown> } = { current: this.loadNow(decider, streamId) };
    this.loading.set(key, started);
    const advance = (): void => {
      if (started.next) {
        started.current = started.next;
        started.next = undefined;
        started.current.then(advance, advance);
      } else this.loading.delete(key);
    };
    started.current.then(advance, advance);
    return started.current as Loaded;
  }

  private async loadNow<State, Event extends DomainEvent>(
    decider: StreamDecider<State, Event>,
    streamId: string,
  ): Promise<{ state: State; revision: number }> {
    const key = `${decider.aggregate}:${streamId}`;
    const cached = this.cache.get<State>(key);
    let state = cached?.state ?? decider.initialState();
    let revision = cached?.revision ?? NO_STREAM_REVISION;
    try {
      const events = await this.store.readStream<Event['data']>(streamId, { fromRevision: revision + 1 });
      for (const event of events) {
        state = decider.evolve(state, { type: event.type, data: event.data, id: event.id } as Event);
        revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      state = decider.initialState();
      revision = NO_STREAM_REVISION;
    }
    this.cache.set(key, revision, state);
    return { state, revision };
  }
}

function conditionAt(streamId: string, revision: number): StreamCondition {
  return { streamId, revision: revision === NO_STREAM_REVISION ? 'no_stream' : revision };
}

function toAppend(event: DomainEvent, metadata: CommandMetadata): EventToAppend {
  return {
    id: event.id ?? uuidv7(),
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    metadata: eventMetadataOf(metadata),
  };
}

/** Jittered exponential backoff so colliding writers spread out instead of colliding again. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
