import { StreamDecider } from '@tally/eventstore';
import { NotificationKind, PushAddress, PushEvent } from './push.events';

export interface DeviceState {
  deviceId: string;
  address: PushAddress;
  label: string | null;
}

/** One voter's devices and preferences, folded from `push-<tenant>.<userId>`. */
export interface PushState {
  devices: ReadonlyMap<string, DeviceState>;
  muted: readonly NotificationKind[];
  follows: readonly string[];
  /** Per event: the newest leaf and the number of votes the voter was told are anchored (ReceiptsAnchored). */
  anchored: ReadonlyMap<string, { lastLeafIndex: number; votes: number }>;
  /** When the voter was last told of anchored receipts (the quiet time is counted from it). */
  lastAnchoredNoticeAt: string | null;
}

export const pushDecider: StreamDecider<PushState, PushEvent> = {
  aggregate: 'push',
  initialState: () => ({ devices: new Map(), muted: [], follows: [], anchored: new Map(), lastAnchoredNoticeAt: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'PushDeviceSubscribed': {
        const devices = new Map(state.devices);
        devices.set(event.data.deviceId, { deviceId: event.data.deviceId, address: event.data.address, label: event.data.label });
        return { ...state, devices };
      }
      case 'PushDeviceUnsubscribed': {
        const devices = new Map(state.devices);
        devices.delete(event.data.deviceId);
        return { ...state, devices };
      }
      case 'NotificationPreferencesSet':
        return { ...state, muted: event.data.muted, follows: event.data.follows };
      case 'FavouriteRankChanged':
        return state;
      case 'ReceiptsAnchored': {
        const anchored = new Map(state.anchored);
        anchored.set(event.data.contestId, { lastLeafIndex: event.data.lastLeafIndex, votes: event.data.totalVotes });
        return { ...state, anchored, lastAnchoredNoticeAt: event.data.at };
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  },
};
