import { DomainEvent } from '@tally/eventstore';

/**
 * A user's subscription slot (`subscriber-<tenant>.<userId>`): one live subscription per user,
 * reserved here with the stream's expected revision, and the user's time zone.
 */
export type SubscriberSubscribed = DomainEvent<'SubscriberSubscribed', { userId: string; subscriptionId: string; timeZone: string; at: string }>;

/** The user's time zone changed (new subscriptions start in it; a running one records its own change). */
export type SubscriberTimeZoneChanged = DomainEvent<'SubscriberTimeZoneChanged', { userId: string; timeZone: string; at: string }>;

export type SubscriberEvent = SubscriberSubscribed | SubscriberTimeZoneChanged;
export const SUBSCRIBER_CATEGORY = 'subscriber';
