import { DomainEvent, streamName, StreamDecider } from '@tally/eventstore';

/** Failed logins from one client address (`loginip-<tenant>.<ipHash>`), for per-IP lockout. */
export type LoginFailedFromIp = DomainEvent<'LoginFailedFromIp', { at: string; failuresInWindow: number }>;
export type IpLockedOut = DomainEvent<'IpLockedOut', { at: string; until: string }>;
export type LoginIpEvent = LoginFailedFromIp | IpLockedOut;

export interface LoginIpState {
  failures: readonly string[];
  lockedUntil: string | null;
}

export const loginIpStream = (tenantId: string, ipHash: string): string => streamName('loginip', tenantId, ipHash);

export const loginIpDecider: StreamDecider<LoginIpState, LoginIpEvent> = {
  aggregate: 'loginip',
  initialState: () => ({ failures: [], lockedUntil: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'LoginFailedFromIp':
        return { ...state, failures: [...state.failures.slice(-1000), event.data.at] };
      case 'IpLockedOut':
        return { failures: [], lockedUntil: event.data.until };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
