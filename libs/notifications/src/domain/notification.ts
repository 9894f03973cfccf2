import { NotificationKind } from './push.events';

/** Who hears of it: everyone who voted in or follows an event, or one voter. */
export type Audience = { contestId: string } | { userId: string };

/** A notification the log asks for, before it is addressed to devices. */
export interface Notification {
  /** Derived from the event that caused it: the same event always gives the same id (the delivery ledger's key). */
  notificationId: string;
  kind: NotificationKind;
  audience: Audience;
  contestId: string;
  /** For the vote kinds: the vote and how many votes it was. */
  vote?: { voteId: string; amount: number };
  at: string;
}

/** What goes to a device: the payload of the push message (JSON, encrypted for Web Push; `notification` + `data` for FCM). */
export interface PushMessage {
  notificationId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Flat strings (FCM's `data` takes only strings). */
  data: Record<string, string>;
}

/** The words of each kind; `name` is the event's name as the voter knows it. */
export function composeMessage(notification: Notification, name: string): PushMessage {
  const { kind } = notification;
  const votes = notification.vote ? `${notification.vote.amount} vote${notification.vote.amount === 1 ? '' : 's'}` : '';
  const words: Record<NotificationKind, { title: string; body: string }> = {
    'contest-opened': { title: `${name} is open`, body: `Voting in ${name} has started.` },
    'contest-closing': { title: `${name} closes soon`, body: `Voting in ${name} is about to close: last chance to vote.` },
    'contest-closed': { title: `${name} has closed`, body: `Voting in ${name} is over. Thanks for taking part.` },
    'vote-released': { title: 'Your vote counts', body: `Your ${votes} in ${name} passed review and now count.` },
    'vote-rejected': { title: 'Your vote was not counted', body: `Your ${votes} in ${name} did not pass review; what you spent on them was returned.` },
  };
  const data: Record<string, string> = { notificationId: notification.notificationId, kind, eventId: notification.contestId, at: notification.at };
  if (notification.vote) data.voteId = notification.vote.voteId;
  return { notificationId: notification.notificationId, kind, ...words[kind], data };
}
