import { EventFilter, GlobalPosition } from '../event-store.port';

/** What the runner's last head move made readable: the range (from, to] and its distinct event types. */
export interface AppendedCensus {
  from: GlobalPosition;
  to: GlobalPosition;
  eventTypes: ReadonlySet<string>;
}

/**
 * Whether a loop about to read from `readFrom` may skip that read and move its cursor to
 * `census.to`: only when the read would start exactly where the census does (everything the
 * filter takes up to there is already applied or known absent) and the filter names event types,
 * none of which the census saw. Stream prefixes only narrow a match further, so types alone
 * decide "cannot match"; a filter without types (prefixes alone, or none) always reads.
 */
export function censusRulesOut(census: AppendedCensus | null, filter: EventFilter, readFrom: GlobalPosition | null): boolean {
  if (census === null || readFrom === null || readFrom !== census.from) return false;
  const types = filter.eventTypes;
  if (!types || types.length === 0) return false;
  return !types.some((type) => census.eventTypes.has(type));
}
