import { VoteObservation } from './signal-store.port';

/**
 * The state one vote reads and records, by key (`<prefix>fraud:<tenant>:…`, the same names in
 * Redis and in a process's view); null where the vote has nothing to count (no public address,
 * no device, no phone, no location: the place is read only by a located vote).
 */
export interface SignalKeys {
  /** Window: observation id → when (the address's votes in the last IP_WINDOW_MS). */
  ipVotes: string | null;
  /** Window: account → when it last voted from the address. */
  ipAccounts: string | null;
  /** Set: the accounts seen on the device. */
  deviceAccounts: string | null;
  /** Set: the devices the account used. */
  accountDevices: string | null;
  /** The account's last vote times. */
  voteTimes: string;
  /** Where the account's last located vote came from. */
  place: string | null;
  /** Set: the accounts whose numbers share the prefix. */
  prefixAccounts: string | null;
}

export function signalKeys(prefix: string, o: VoteObservation): SignalKeys {
  const k = `${prefix}fraud:${o.tenantId}:`;
  return {
    ipVotes: o.ip ? `${k}ip:${o.ip}:votes` : null,
    ipAccounts: o.ip ? `${k}ip:${o.ip}:accounts` : null,
    deviceAccounts: o.deviceHash ? `${k}dev:${o.deviceHash}:accounts` : null,
    accountDevices: o.deviceHash ? `${k}user:${o.userId}:devices` : null,
    voteTimes: `${k}user:${o.userId}:times`,
    place: o.location ? `${k}user:${o.userId}:place` : null,
    prefixAccounts: o.phonePrefix ? `${k}prefix:${o.phonePrefix}:accounts` : null,
  };
}

export type SignalKeyName = keyof SignalKeys;

/** Which of the view's entry kinds each key holds. */
export const KEY_KINDS = {
  ipVotes: 'window',
  ipAccounts: 'window',
  deviceAccounts: 'set',
  accountDevices: 'set',
  voteTimes: 'times',
  place: 'place',
  prefixAccounts: 'set',
} as const satisfies Record<SignalKeyName, string>;

export const KEY_NAMES = Object.keys(KEY_KINDS) as SignalKeyName[];
