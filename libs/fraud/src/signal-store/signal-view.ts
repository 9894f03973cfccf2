import { GeoPoint } from '../signals/geo-anomaly.signal';
import { SignalKeys } from './signal-keys';
import { IP_WINDOW_MS, ObservedSignals, RECENT_VOTES_KEPT, VoteObservation } from './signal-store.port';

/**
 * One key's state. Every kind merges an observation the same way whatever the order it comes
 * in (a window keeps each member's latest time, a set only grows, times stay sorted, the place
 * is the latest), so a view that learns of other processes' votes late still converges on what
 * Redis holds. `asOf`: the signal feed's position the entry was loaded at ('' in the embedded
 * mode, where there is no feed); the feed applies only what came after it.
 */
export type ViewEntry =
  | { kind: 'window'; members: Map<string, number>; asOf: string }
  | { kind: 'set'; members: Set<string>; asOf: string }
  | { kind: 'times'; times: number[]; asOf: string }
  | { kind: 'place'; place: GeoPoint | null; asOf: string };

type Kind = ViewEntry['kind'];
type EntryOf<K extends Kind> = Extract<ViewEntry, { kind: K }>;

/** Bounds what one process remembers; the least recently used keys go first (a Map keeps insertion order). */
const MAX_KEYS = 200_000;

/**
 * The signal state held in a process: the embedded mode's whole state (MemorySignalStore), and
 * with Redis the mirror of the keys this process's votes use (MirroredSignalStore). The counts a
 * vote sees are computed here, synchronously, the same way the Redis script computes them.
 */
export class SignalView {
  private readonly entries = new Map<string, ViewEntry>();

  constructor(private readonly maxKeys = MAX_KEYS) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  put(key: string, entry: ViewEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The counts the vote sees, this vote included; recorded when `record` (a peek records nothing
   * but still counts the would-be vote). A key missing from the view counts as empty.
   */
  observe(keys: SignalKeys, o: VoteObservation, record: boolean): ObservedSignals {
    const since = o.nowMs - IP_WINDOW_MS;
    const ipVotes = keys.ipVotes ? this.window(keys.ipVotes, since) : null;
    const ipAccounts = keys.ipAccounts ? this.window(keys.ipAccounts, since) : null;
    const deviceAccounts = keys.deviceAccounts ? this.touch(keys.deviceAccounts, 'set').members : null;
    const accountDevices = keys.accountDevices ? this.touch(keys.accountDevices, 'set').members : null;
    const prefixAccounts = keys.prefixAccounts ? this.touch(keys.prefixAccounts, 'set').members : null;
    const times = this.touch(keys.voteTimes, 'times');
    const place = keys.place ? this.touch(keys.place, 'place') : null;
    const previousLocation = place?.place ?? null;
    if (record) {
      recordVote(ipVotes, ipAccounts, deviceAccounts, accountDevices, prefixAccounts, o);
      insertTime(times.times, o.nowMs);
      if (place) place.place = latestPlace(place.place, o);
    }
    const extra = (members: { has(m: string): boolean } | null, member: string | null): number => (record || !members || members.has(member!) ? 0 : 1);
    return {
      ipVotes: ipVotes ? ipVotes.size + (record ? 0 : 1) : 0,
      ipAccounts: ipAccounts ? ipAccounts.size + extra(ipAccounts, o.userId) : 0,
      deviceAccounts: deviceAccounts ? deviceAccounts.size + extra(deviceAccounts, o.userId) : 0,
      accountDevices: accountDevices ? accountDevices.size + extra(accountDevices, o.deviceHash) : 0,
      clusterSize: clusterSize(ipAccounts, deviceAccounts, o.userId),
      prefixAccounts: prefixAccounts ? prefixAccounts.size + extra(prefixAccounts, o.userId) : 0,
      recentVoteTimesMs: record ? [...times.times] : withTime(times.times, o.nowMs),
      previousLocation,
    };
  }

  /** Records a vote seen elsewhere into the entries held here that `accepts` (those loaded before it); others are left to be loaded. */
  apply(keys: SignalKeys, o: VoteObservation, accepts: (entry: ViewEntry) => boolean): void {
    const held = <K extends Kind>(key: string | null, kind: K): EntryOf<K> | null => {
      const entry = key === null ? undefined : this.entries.get(key);
      return entry?.kind === kind && accepts(entry) ? (entry as EntryOf<K>) : null;
    };
    recordVote(
      held(keys.ipVotes, 'window')?.members ?? null,
      held(keys.ipAccounts, 'window')?.members ?? null,
      held(keys.deviceAccounts, 'set')?.members ?? null,
      held(keys.accountDevices, 'set')?.members ?? null,
      held(keys.prefixAccounts, 'set')?.members ?? null,
      o,
    );
    const times = held(keys.voteTimes, 'times');
    if (times) insertTime(times.times, o.nowMs);
    const place = held(keys.place, 'place');
    if (place) place.place = latestPlace(place.place, o);
  }

  /** The key's entry, moved to the most recently used end; an empty one when it is not held. */
  private touch<K extends Kind>(key: string, kind: K): EntryOf<K> {
    const held = this.entries.get(key);
    const entry = held?.kind === kind ? (held as EntryOf<K>) : (emptyEntry(kind, '') as EntryOf<K>);
    this.put(key, entry);
    return entry;
  }

  /**
   * A window's members still inside it (as the script's ZREMRANGEBYSCORE leaves them). Members
   * are kept in the order they were last seen (recordVote moves a member to the end), which is
   * time order but for other processes' votes arriving late: pruning stops at the first member
   * inside the window, so a busy address costs what expired, not its whole window, per vote.
   */
  private window(key: string, since: number): Map<string, number> {
    const members = this.touch(key, 'window').members;
    for (const [member, at] of members) {
      if (at > since) break;
      members.delete(member);
    }
    return members;
  }
}

export function emptyEntry(kind: Kind, asOf: string): ViewEntry {
  switch (kind) {
    case 'window':
      return { kind, members: new Map(), asOf };
    case 'set':
      return { kind, members: new Set(), asOf };
    case 'times':
      return { kind, times: [], asOf };
    case 'place':
      return { kind, place: null, asOf };
  }
}

function recordVote(
  ipVotes: Map<string, number> | null,
  ipAccounts: Map<string, number> | null,
  deviceAccounts: Set<string> | null,
  accountDevices: Set<string> | null,
  prefixAccounts: Set<string> | null,
  o: VoteObservation,
): void {
  ipVotes?.set(o.observationId, o.nowMs);
  if (ipAccounts) {
    const last = Math.max(ipAccounts.get(o.userId) ?? 0, o.nowMs);
    ipAccounts.delete(o.userId);
    ipAccounts.set(o.userId, last);
  }
  deviceAccounts?.add(o.userId);
  if (o.deviceHash) accountDevices?.add(o.deviceHash);
  prefixAccounts?.add(o.userId);
}

/** |address accounts ∪ device accounts ∪ {user}|, counted without building the union. */
function clusterSize(ipAccounts: Map<string, number> | null, deviceAccounts: Set<string> | null, userId: string): number {
  let size = ipAccounts?.size ?? 0;
  for (const account of deviceAccounts ?? []) if (!ipAccounts?.has(account)) size++;
  if (!ipAccounts?.has(userId) && !deviceAccounts?.has(userId)) size++;
  return size;
}

/** Keeps the times sorted (votes from other processes can arrive out of order) and the last RECENT_VOTES_KEPT. */
function insertTime(times: number[], at: number): void {
  let i = times.length;
  while (i > 0 && times[i - 1] > at) i--;
  times.splice(i, 0, at);
  if (times.length > RECENT_VOTES_KEPT) times.splice(0, times.length - RECENT_VOTES_KEPT);
}

/** The history as a peek sees it: the would-be vote last. */
function withTime(times: readonly number[], at: number): number[] {
  return [...times, at].slice(-RECENT_VOTES_KEPT);
}

function latestPlace(current: GeoPoint | null, o: VoteObservation): GeoPoint | null {
  if (!o.location || (current && current.atMs > o.nowMs)) return current;
  return { ...o.location, atMs: o.nowMs };
}
