import { StreamCondition } from '../event-store.port';
import { DomainEvent } from './domain-event';

/**
 * The pure parts of an aggregate (emmett's decider): how to start, how an event changes the
 * state. `decide` is supplied per command, closing over the command, time, ids and prices.
 */
export interface StreamDecider<State, Event extends DomainEvent> {
  /** Names the aggregate; part of the state cache key. */
  readonly aggregate: string;
  initialState(): State;
  evolve(state: State, event: Event): State;
}

export interface Decision<State, Event extends DomainEvent> {
  decider: StreamDecider<State, Event>;
  streamId: string;
  /** Pure: throws a DomainError to refuse; returns the events to append (none is allowed). */
  decide(state: State, revision: number): readonly Event[];
  /**
   * Other streams the decision relied on, at the revisions it saw (README.md "Append
   * conditions"): the append happens only if they still are; otherwise the runner throws
   * StreamConditionFailedError without retrying (only the caller can re-read what it gathered).
   * Asked after each decide that returns events.
   */
  conditions?: () => readonly StreamCondition[];
}

/** A state to decide on, and the append condition that keeps a decision on it honest. */
export interface GuardedState<State> {
  state: State;
  revision: number;
  /** Taken from the runner's cache without reading the store: may be stale, so a refusal decided on it must be confirmed fresh. */
  fromCache: boolean;
  /** Require the stream at `revision` when appending; null when the store cannot enforce conditions (then the state was read fresh). */
  condition: StreamCondition | null;
}

export interface DecisionOutcome<State, Event extends DomainEvent> {
  /** The state after the appended events. */
  state: State;
  events: readonly Event[];
  /** The stream's revision after the append (or as read, when nothing was appended). */
  revision: number;
  /** The appended events' global position, null when nothing was appended. */
  position: string | null;
}
