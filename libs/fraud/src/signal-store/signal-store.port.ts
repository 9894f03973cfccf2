import { GeoPoint } from '../signals/geo-anomaly.signal';

/** What a vote adds to the signal state: who voted, from where, with what. */
export interface VoteObservation {
  tenantId: string;
  userId: string;
  /** Unique per observation (the ip-velocity set counts members). */
  observationId: string;
  /** A public client address, or null (loopback, private, unknown): no per-address counts then. */
  ip: string | null;
  deviceHash: string | null;
  /** The phone number without its last three digits, or null when the account has none. */
  phonePrefix: string | null;
  /** Where the address is, when the geo database knows it. */
  location: Omit<GeoPoint, 'atMs'> | null;
  nowMs: number;
}

/** The counts and history the scorers need, this vote included. */
export interface ObservedSignals {
  ipVotes: number;
  ipAccounts: number;
  deviceAccounts: number;
  accountDevices: number;
  /** Accounts sharing this one's device or address (the union), this one included. */
  clusterSize: number;
  prefixAccounts: number;
  /** The account's recent vote times, oldest first, this one last. */
  recentVoteTimesMs: number[];
  /** Where the account's previous located vote came from; read only when this vote is located (null otherwise). */
  previousLocation: GeoPoint | null;
}

/**
 * The state the scorers need at vote time: per-address windows, device and prefix sets, each
 * account's last vote times and place. `observe` records the vote and reads in one step (a Lua
 * script on Redis, or a synchronous call on a process's view of it); `peek` reads as if the vote
 * were recorded, recording nothing (POST /api/fraud/check).
 *
 * This is working state, not a read model: it is recomputed by nothing and expires on its own;
 * what a decision used is recorded with the decision (the VoteCast's screening factors).
 */
export interface SignalStore {
  observe(observation: VoteObservation): ObservedSignals | Promise<ObservedSignals>;
  peek(observation: VoteObservation): ObservedSignals | Promise<ObservedSignals>;
}

export const SIGNAL_STORE = Symbol('FraudSignalStore');

/** How far back the per-address counts look. */
export const IP_WINDOW_MS = 10 * 60_000;
/** How many of an account's vote times are kept for the rhythm. */
export const RECENT_VOTES_KEPT = 10;
/** Device, prefix and place memories expire after this long without use. */
export const MEMORY_TTL_MS = 30 * 24 * 3_600_000;
