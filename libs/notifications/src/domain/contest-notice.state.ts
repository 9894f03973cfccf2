import { StreamDecider } from '@tally/eventstore';
import { ContestNoticeEvent } from './push.events';

/** Which notices a contest has had (`notice-<tenant>.<contestId>`). */
export interface ContestNoticeState {
  /** The end dates a closing-soon notice went out for: moving the close later earns a new one. */
  closingNoticedFor: readonly string[];
}

export const contestNoticeDecider: StreamDecider<ContestNoticeState, ContestNoticeEvent> = {
  aggregate: 'contest-notice',
  initialState: () => ({ closingNoticedFor: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'ContestClosingSoon':
        return { closingNoticedFor: [...state.closingNoticedFor, event.data.endDate] };
      default: {
        const never: never = event.type;
        return never;
      }
    }
  },
};
