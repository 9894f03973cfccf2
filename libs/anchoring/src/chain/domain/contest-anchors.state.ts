import { StreamDecider } from '@tally/eventstore';
import { AnchorEvent } from './anchor.events';

/** The anchors of one contest already recorded as confirmed (`anchor-<tenant>.<contestId>`). */
export interface ContestAnchorsState {
  confirmed: ReadonlySet<string>;
}

export const contestAnchorsDecider: StreamDecider<ContestAnchorsState, AnchorEvent> = {
  aggregate: 'contest-anchors',
  initialState: () => ({ confirmed: new Set() }),
  evolve(state, event) {
    switch (event.type) {
      case 'AnchorConfirmed':
        return { confirmed: new Set([...state.confirmed, event.data.anchorId]) };
      default: {
        const never: never = event.type;
        return never;
      }
    }
  },
};
