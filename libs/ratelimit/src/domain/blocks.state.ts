import { StreamDecider } from '@tally/eventstore';
import { RateLimitEvent } from './ratelimit.events';

/** The blocks stream needs no state to decide on: each block stands alone (it only counts them). */
export interface BlocksState {
  count: number;
}

export const blocksDecider: StreamDecider<BlocksState, RateLimitEvent> = {
  aggregate: 'ratelimit-blocks',
  initialState: () => ({ count: 0 }),
  evolve: (state, event) => (event.type === 'ClientBlocked' ? { count: state.count + 1 } : state),
};
