import { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows, RecordedEvent, UnnestColumns, unnestRows } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { ScreeningFactor, ScreeningRecord, VoteCast } from '@tally/voting';
import { VoteScreenedOut } from '../../domain/fraud.events';
import { publicAddress } from '../../lookups/public-address';

interface ScoreInsert {
  score_id: string;
  tenant_id: string;
  user_id: string;
  vote_id: string | null;
  contest_id: string;
  score: number;
  risk_level: string;
  factors: readonly ScreeningFactor[];
  model_version: string;
  created_at: string;
}

interface WindowCount {
  tenant_id: string;
  ip_address: string;
  window_start: string;
  window_end: string;
  count: number;
  accounts: number;
}

interface DeviceSeen {
  fingerprint_id: string;
  tenant_id: string;
  user_id: string;
  device_hash: string;
  first_seen: string;
  last_seen: string;
  votes: number;
}

const SCORE_COLUMNS: UnnestColumns<ScoreInsert> = {
  score_id: 'uuid',
  tenant_id: 'text',
  user_id: 'text',
  vote_id: 'uuid',
  contest_id: 'uuid',
  score: 'integer',
  risk_level: 'text',
  factors: 'jsonb',
  model_version: 'text',
  created_at: 'timestamptz',
};
const WINDOW_COLUMNS: UnnestColumns<WindowCount> = { tenant_id: 'text', ip_address: 'text', window_start: 'timestamptz', window_end: 'timestamptz', count: 'integer', accounts: 'integer' };
const ACCOUNT_COLUMNS: UnnestColumns<{ tenant_id: string; ip_address: string; window_start: string; user_id: string }> = {
  tenant_id: 'text',
  ip_address: 'text',
  window_start: 'timestamptz',
  user_id: 'text',
};
const DEVICE_COLUMNS: UnnestColumns<DeviceSeen> = {
  fingerprint_id: 'uuid',
  tenant_id: 'text',
  user_id: 'text',
  device_hash: 'text',
  first_seen: 'timestamptz',
  last_seen: 'timestamptz',
  votes: 'integer',
};

/** ip_velocity buckets: ten-minute windows aligned on the clock. */
export const IP_BUCKET_MS = 10 * 60_000;

/**
 * One batch of screenings (votes cast and votes refused) folded in memory, written with three
 * set-based statements.
 */
export class FraudScoresBatch {
  private readonly scores = new Map<string, ScoreInsert>();
  private readonly windows = new Map<string, WindowCount & { users: Set<string> }>();
  private readonly devices = new Map<string, DeviceSeen>();

  add(recorded: RecordedEvent): void {
    if (recorded.type === 'VoteCast') {
      const d = (recorded as RecordedEvent<VoteCast['data']>).data;
      if (d.screening) this.addScreening(recorded, { scoreId: d.voteId, voteId: d.voteId, userId: d.userId, contestId: d.contestId, at: d.castAt, screening: d.screening });
    } else if (recorded.type === 'VoteScreenedOut') {
      const d = (recorded as RecordedEvent<VoteScreenedOut['data']>).data;
      this.addScreening(recorded, { scoreId: d.screeningId, voteId: null, userId: d.userId, contestId: d.contestId, at: d.at, screening: d });
    }
  }

  /**
   * A screening's score, and what its signals counted: the address the event's metadata
   * recorded (public ones only, as the scorer counts them) and the device its factors recorded.
   */
  private addScreening(
    recorded: RecordedEvent,
    s: { scoreId: string; voteId: string | null; userId: string; contestId: string; at: string; screening: Pick<ScreeningRecord, 'score' | 'decision' | 'factors' | 'modelVersion'> },
  ): void {
    const tenantId = recorded.metadata.tenantId;
    this.scores.set(s.scoreId, {
      score_id: s.scoreId,
      tenant_id: tenantId,
      user_id: s.userId,
      vote_id: s.voteId,
      contest_id: s.contestId,
      score: s.screening.score,
      risk_level: s.screening.decision,
      factors: s.screening.factors,
      model_version: s.screening.modelVersion,
      created_at: s.at,
    });
    const ip = publicAddress(recorded.metadata.clientIp);
    if (ip) this.countWindow(tenantId, ip, Date.parse(s.at), s.userId);
    const device = s.screening.factors.find((f) => f.signal === 'deviceSharing')?.inputs.deviceHash;
    if (typeof device === 'string') this.seeDevice(tenantId, s.userId, device, s.at);
  }

  async write(em: EntityManager): Promise<void> {
    if (this.scores.size > 0) {
      // One JSON document: the factors are jsonb, costly as array literals (jsonRows).
      const rows = jsonRows(SCORE_COLUMNS, [...this.scores.values()]);
      await em.execute(`insert into fraud_scores (${rows.columns}) ${rows.select} on conflict (score_id) do nothing`);
    }
    if (this.windows.size > 0) {
      const windows = [...this.windows.values()];
      const rows = unnestRows(
        WINDOW_COLUMNS,
        windows.map(({ users: _users, ...row }) => ({ ...row, accounts: 0 })),
      );
      await em.execute(
        `insert into ip_velocity (${rows.columns}) ${rows.select}
         on conflict (tenant_id, ip_address, window_start) do update set count = ip_velocity.count + excluded.count`,
      );
      // Accounts: each (window, account) pair is recorded once; only the pairs new to the table
      // add to the window's count, so it is exact whichever batches the votes fell into.
      const pairs = unnestRows(
        ACCOUNT_COLUMNS,
        windows.flatMap((w) => [...w.users].map((user_id) => ({ tenant_id: w.tenant_id, ip_address: w.ip_address, window_start: w.window_start, user_id }))),
      );
      await em.execute(
        `with fresh as (
           insert into ip_velocity_accounts (${pairs.columns}) ${pairs.select}
           on conflict do nothing returning tenant_id, ip_address, window_start),
         added as (select tenant_id, ip_address, window_start, count(*)::int as n from fresh group by tenant_id, ip_address, window_start)
         update ip_velocity v set accounts = v.accounts + added.n from added
         where v.tenant_id = added.tenant_id and v.ip_address = added.ip_address and v.window_start = added.window_start`,
      );
    }
    if (this.devices.size > 0) {
      const rows = unnestRows(DEVICE_COLUMNS, [...this.devices.values()]);
      await em.execute(
        `insert into device_fingerprints (${rows.columns}) ${rows.select}
         on conflict (tenant_id, user_id, device_hash) do update set last_seen = greatest(device_fingerprints.last_seen, excluded.last_seen), votes = device_fingerprints.votes + excluded.votes`,
      );
    }
  }

  private countWindow(tenantId: string, ip: string, castMs: number, userId: string): void {
    const start = Math.floor(castMs / IP_BUCKET_MS) * IP_BUCKET_MS;
    const key = `${tenantId}|${ip}|${start}`;
    const window = this.windows.get(key) ?? {
      tenant_id: tenantId,
      ip_address: ip,
      window_start: new Date(start).toISOString(),
      window_end: new Date(start + IP_BUCKET_MS).toISOString(),
      count: 0,
      accounts: 0,
      users: new Set<string>(),
    };
    window.count += 1;
    window.users.add(userId);
    this.windows.set(key, window);
  }

  private seeDevice(tenantId: string, userId: string, deviceHash: string, at: string): void {
    const key = `${tenantId}|${userId}|${deviceHash}`;
    const seen = this.devices.get(key) ?? { fingerprint_id: deterministicUuid('tally-fraud-device', tenantId, userId, deviceHash), tenant_id: tenantId, user_id: userId, device_hash: deviceHash, first_seen: at, last_seen: at, votes: 0 };
    seen.votes += 1;
    seen.last_seen = at > seen.last_seen ? at : seen.last_seen;
    this.devices.set(key, seen);
  }
}
