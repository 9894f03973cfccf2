import { GeoPoint } from '../signals/geo-anomaly.signal';
import { IP_WINDOW_MS, ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';

/** Bounds what one process remembers; the oldest keys go first (Map keeps insertion order). */
const MAX_KEYS = 200_000;

/**
 * The signal state of the embedded mode (one process, no Redis): the same counts as the Redis
 * script, kept in maps and computed synchronously, so the vote path awaits nothing for them.
 */
export class MemorySignalStore implements SignalStore {
  private readonly ipVotes = new Map<string, number[]>();
  private readonly ipAccounts = new Map<string, Map<string, number>>();
  private readonly deviceAccounts = new Map<string, Set<string>>();
  private readonly accountDevices = new Map<string, Set<string>>();
  private readonly prefixAccounts = new Map<string, Set<string>>();
  private readonly voteTimes = new Map<string, number[]>();
  private readonly places = new Map<string, GeoPoint>();

  observe(o: VoteObservation): ObservedSignals {
    return this.run(o, true);
  }

  peek(o: VoteObservation): ObservedSignals {
    return this.run(o, false);
  }

  private run(o: VoteObservation, record: boolean): ObservedSignals {
    const since = o.nowMs - IP_WINDOW_MS;
    const t = o.tenantId;
    let ipVotes = 0;
    let ipAccountSet = new Map<string, number>();
    if (o.ip) {
      const votes = (this.ipVotes.get(`${t}:${o.ip}`) ?? []).filter((at) => at > since);
      ipAccountSet = new Map([...(this.ipAccounts.get(`${t}:${o.ip}`) ?? new Map<string, number>())].filter(([, at]) => at > since));
      if (record) {
        votes.push(o.nowMs);
        ipAccountSet.set(o.userId, o.nowMs);
        remember(this.ipVotes, `${t}:${o.ip}`, votes);
        remember(this.ipAccounts, `${t}:${o.ip}`, ipAccountSet);
      }
      ipVotes = votes.length + (record ? 0 : 1);
    }
    const devAccounts = o.deviceHash ? this.grow(this.deviceAccounts, `${t}:${o.deviceHash}`, o.userId, record) : new Set<string>();
    const userDevices = o.deviceHash ? this.grow(this.accountDevices, `${t}:${o.userId}`, o.deviceHash, record) : new Set<string>();
    const prefix = o.phonePrefix ? this.grow(this.prefixAccounts, `${t}:${o.phonePrefix}`, o.userId, record) : new Set<string>();
    const cluster = new Set([...ipAccountSet.keys(), ...devAccounts, o.userId]);

    const times = [...(this.voteTimes.get(`${t}:${o.userId}`) ?? []), o.nowMs].slice(-RECENT_VOTES_KEPT);
    const previousLocation = o.location ? (this.places.get(`${t}:${o.userId}`) ?? null) : null;
    if (record) {
      remember(this.voteTimes, `${t}:${o.userId}`, times);
      if (o.location) remember(this.places, `${t}:${o.userId}`, { ...o.location, atMs: o.nowMs });
    }
    return {
      ipVotes,
      ipAccounts: o.ip ? new Set([...ipAccountSet.keys(), o.userId]).size : 0,
      deviceAccounts: devAccounts.size,
      accountDevices: userDevices.size,
      clusterSize: o.ip || o.deviceHash ? cluster.size : 1,
      prefixAccounts: prefix.size,
      recentVoteTimesMs: times,
      previousLocation,
    };
  }

  /** The set under `key` with `member` in it: stored when recording, a copy otherwise. */
  private grow(sets: Map<string, Set<string>>, key: string, member: string, record: boolean): Set<string> {
    const current = sets.get(key) ?? new Set<string>();
    if (!record) return new Set([...current, member]);
    current.add(member);
    remember(sets, key, current);
    return current;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
}
