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
  /** For rank-changed: the favourite and its places. */
  rank?: { contestantId: string; contestantName: string; from: number; to: number };
  /** For receipt-anchored: the anchor, and the voter's newly anchored votes (`vote`: the newest one and their number). */
  anchor?: { anchorId: string; chain: string; txHash: string };
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
    'rank-changed': rankWords(notification, name),
    'vote-released': { title: 'Your vote counts', body: `Your ${votes} in ${name} passed review and now count.` },
    'vote-rejected': { title: 'Your vote was not counted', body: `Your ${votes} in ${name} did not pass review; what you spent on them was returned.` },
    'receipt-anchored': { title: 'Your vote receipt is anchored', body: `Your ${votes} in ${name} ${notification.vote?.amount === 1 ? 'is' : 'are'} now anchored on a public chain: anyone can check ${notification.vote?.amount === 1 ? 'it was' : 'they were'} counted.` },
  };
  const data: Record<string, string> = { notificationId: notification.notificationId, kind, eventId: notification.contestId, at: notification.at };
  if (notification.vote) data.voteId = notification.vote.voteId;
  if (notification.anchor) Object.assign(data, anchorData(notification.anchor, notification.vote?.voteId));
  if (notification.rank) Object.assign(data, { contestantId: notification.rank.contestantId, from: String(notification.rank.from), to: String(notification.rank.to) });
  return { notificationId: notification.notificationId, kind, ...words[kind], data };
}

/**
 * Where the voter checks it: their newest anchored receipt (GET, the inclusion proof and signed
 * head) and the verification route it can be posted to; the anchor's transaction on its chain.
 */
function anchorData(anchor: NonNullable<Notification['anchor']>, voteId: string | undefined): Record<string, string> {
  const data: Record<string, string> = { anchorId: anchor.anchorId, chain: anchor.chain, txHash: anchor.txHash };
  if (voteId) Object.assign(data, { receiptUrl: `/api/votes/${voteId}/receipt`, verifyUrl: '/api/votes/verify' });
  return data;
}

function rankWords({ rank }: Notification, name: string): { title: string; body: string } {
  if (!rank) return { title: `${name}: the ranking moved`, body: `The ranking of ${name} has changed.` };
  const direction = rank.to < rank.from ? 'up' : 'down';
  return { title: `${rank.contestantName} is now #${rank.to}`, body: `${rank.contestantName} moved ${direction} from #${rank.from} to #${rank.to} in ${name}.` };
}
