import { StreamDecider } from '@tally/eventstore';
import { SubscriberEvent } from './subscriber.events';

export interface SubscriberState {
  /** The newest subscription reserved; it may since have ended (its own stream says). */
  subscriptionId: string | null;
  reservedAtMs: number | null;
  timeZone: string | null;
}

export const subscriberDecider: StreamDecider<SubscriberState, SubscriberEvent> = {
  aggregate: 'subscriber',
  initialState: () => ({ subscriptionId: null, reservedAtMs: null, timeZone: null }),
  evolve: (state, event) =>
    event.type === 'SubscriberTimeZoneChanged'
      ? { ...state, timeZone: event.data.timeZone }
      : { subscriptionId: event.data.subscriptionId, reservedAtMs: Date.parse(event.data.at), timeZone: event.data.timeZone },
};
