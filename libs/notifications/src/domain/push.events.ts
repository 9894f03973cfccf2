import { DomainEvent } from '@tally/eventstore';

/** The push services a device can be reached through. */
export type PushTransport = 'webpush' | 'fcm';
export const PUSH_TRANSPORTS: readonly PushTransport[] = ['webpush', 'fcm'];

/** What a voter can be told; each can be switched off in the preferences. */
export type NotificationKind = 'contest-opened' | 'contest-closing' | 'contest-closed' | 'rank-changed' | 'vote-released' | 'vote-rejected' | 'receipt-anchored';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['contest-opened', 'contest-closing', 'contest-closed', 'rank-changed', 'vote-released', 'vote-rejected', 'receipt-anchored'];

/** Where a message goes: a Web Push subscription (RFC 8030 endpoint and RFC 8291 keys) or an FCM registration token. */
export type PushAddress =
  | { transport: 'webpush'; endpoint: string; p256dh: string; auth: string }
  | { transport: 'fcm'; token: string };

export type PushDeviceSubscribed = DomainEvent<'PushDeviceSubscribed', { userId: string; deviceId: string; address: PushAddress; label: string | null; at: string }>;

/** `gone`: the push service answered 404/410 for it, the device unsubscribed or the token expired. */
export type PushDeviceUnsubscribed = DomainEvent<'PushDeviceUnsubscribed', { userId: string; deviceId: string; reason: 'user' | 'gone'; at: string }>;

export type NotificationPreferencesSet = DomainEvent<
  'NotificationPreferencesSet',
  { userId: string; muted: NotificationKind[]; follows: string[]; at: string }
>;

/**
 * The contestant a voter last voted for moved on the leaderboard (noted by the rank-watch job, at
 * most once per PUSH_RANK_CHANGE_MIN_MINUTES per voter); on the voter's stream, for the reactor.
 */
export type FavouriteRankChanged = DomainEvent<
  'FavouriteRankChanged',
  { userId: string; contestId: string; contestantId: string; contestantName: string; from: number; to: number; at: string }
>;

/**
 * An anchor on a chain (anchoring's AnchorConfirmed) covers vote receipts of this voter that they
 * have not been told of yet; noted on the voter's stream (at most once per voter per
 * PUSH_ANCHORED_MIN_MINUTES) for the delivery reactor. `votes` counts the newly anchored ones,
 * `voteId` is the newest (its receipt is the one the message links).
 */
export type ReceiptsAnchored = DomainEvent<
  'ReceiptsAnchored',
  { userId: string; contestId: string; anchorId: string; treeSize: number; lastLeafIndex: number; votes: number; totalVotes: number; voteId: string; chain: string; txHash: string; at: string }
>;

export type PushEvent = PushDeviceSubscribed | PushDeviceUnsubscribed | NotificationPreferencesSet | FavouriteRankChanged | ReceiptsAnchored;
export type PushEventType = PushEvent['type'];
export const PUSH_EVENT_TYPES: readonly PushEventType[] = ['PushDeviceSubscribed', 'PushDeviceUnsubscribed', 'NotificationPreferencesSet', 'FavouriteRankChanged', 'ReceiptsAnchored'];
/** The push events that change who gets what (the audience projection's); FavouriteRankChanged and ReceiptsAnchored are notices. */
export const AUDIENCE_EVENT_TYPES: readonly PushEventType[] = ['PushDeviceSubscribed', 'PushDeviceUnsubscribed', 'NotificationPreferencesSet'];
/** Stream `push-<tenant>.<userId>`: one voter's devices and preferences. */
export const PUSH_CATEGORY = 'push';

/** Noted once per contest by the closing-soon job; the delivery reactor turns it into messages. */
export type ContestClosingSoon = DomainEvent<'ContestClosingSoon', { contestId: string; name: string; endDate: string; at: string }>;
export type ContestNoticeEvent = ContestClosingSoon;
export const CONTEST_NOTICE_EVENT_TYPES: readonly ContestNoticeEvent['type'][] = ['ContestClosingSoon'];
/** Stream `notice-<tenant>.<contestId>`. */
export const CONTEST_NOTICE_CATEGORY = 'notice';
