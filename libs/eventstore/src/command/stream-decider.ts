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
