import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, CLOCK } from '@tally/platform';
import { ExternalFraudScorer } from '../external/external-fraud-scorer';
import { EXTERNAL_FRAUD_SCORER, FRAUD_CONFIG, FraudConfig } from '../fraud.config';
import { GeoLocator, Place } from '../lookups/geo-locator';
import { FraudSettings } from '../domain/fraud.events';
import { PaymentHistory, PaymentHistoryFacts } from '../lookups/payment-history';
import { PhoneFacts, PhoneLookup } from '../lookups/phone-lookup';
import { publicAddress } from '../lookups/public-address';
import { aggregateRisk, RiskScore, storedScreening } from '../scoring/risk-score';
import { FraudSettingsReader } from '../settings/fraud-settings.reader';
import { ObservedSignals, SIGNAL_STORE, SignalStore } from '../signal-store/signal-store.port';
import { scoreDeviceSharing } from '../signals/device-sharing.signal';
import { scoreGeoAnomaly } from '../signals/geo-anomaly.signal';
import { scoreIpVelocity } from '../signals/ip-velocity.signal';
import { scorePaymentRisk } from '../signals/payment-risk.signal';
import { scorePhoneReputation } from '../signals/phone-reputation.signal';
import { SignalResult } from '../signals/signal';
import { scoreVotePattern } from '../signals/vote-pattern.signal';
import { IP_WINDOW_MS } from '../signal-store/signal-store.port';

/** A vote's score with every factor (what a check shows), and the record its decision stores. */
export interface ScoredVote {
  scored: RiskScore;
  /** storedScreening: the factors that added points or carry evidence. */
  stored: RiskScore;
}

/** The slow facts about a vote (cached lookups). */
type Facts = [phone: PhoneFacts, paid: PaymentHistoryFacts, settings: FraudSettings, location: Place | null];
/** The lookups as the caches answer them: a value, or a promise while one loads. */
type Lookups = [PhoneFacts | Promise<PhoneFacts>, PaymentHistoryFacts | Promise<PaymentHistoryFacts>, FraudSettings | Promise<FraudSettings>, Place | null | Promise<Place | null>];

export interface WouldBeVote {
  tenantId: string;
  userId: string;
  clientIp: string | null;
  deviceFingerprint: string | null;
}

/**
 * Scores a vote: gathers the slow facts (phone, payments, settings: cached), locates the address
 * (in-process database), records the vote in the signal state and reads the counts back in one
 * step (`observe`), or only reads them (`peek`, for POST /api/fraud/check), then runs every
 * signal and adds them up with the tenant's weights.
 */
@Injectable()
export class FraudScreener {
  /** Observation ids: this process's random prefix and a counter (unique across processes, cheaper than a UUID per vote). */
  private readonly idPrefix = randomBytes(6).toString('base64url');
  private observations = 0;

  constructor(
    @Inject(SIGNAL_STORE) private readonly state: SignalStore,
    private readonly geo: GeoLocator,
    private readonly phones: PhoneLookup,
    private readonly payments: PaymentHistory,
    private readonly settings: FraudSettingsReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FRAUD_CONFIG) private readonly config: FraudConfig,
    @Optional() @Inject(EXTERNAL_FRAUD_SCORER) private readonly external: ExternalFraudScorer | null = null,
  ) {}

  /**
   * Synchronous when every lookup is cached, the signal store holds the vote's keys (the mirror)
   * and there is no external scorer: the vote path then waits on nothing for its score.
   */
  score(vote: WouldBeVote, mode: 'observe' | 'peek'): ScoredVote | Promise<ScoredVote> {
    const nowMs = this.clock.now().getTime();
    const ip = publicAddress(vote.clientIp);
    // The external scorer runs beside the lookups, so a vote waits at most its timeout for it.
    const external = this.external?.score({ tenantId: vote.tenantId, userId: vote.userId, clientIp: vote.clientIp, deviceFingerprint: vote.deviceFingerprint }) ?? null;
    const lookups: Lookups = [
      this.phones.facts(vote.tenantId, vote.userId),
      this.payments.facts(vote.tenantId, vote.userId),
      this.settings.settings(vote.tenantId),
      ip && vote.clientIp ? this.geo.locate(vote.clientIp.replace(/^::ffff:/i, '')) : null,
    ];
    if (external || lookups.some((lookup) => lookup instanceof Promise)) return this.scoreLater(vote, mode, nowMs, ip, lookups, external);
    const facts = lookups as Facts;
    const seen = this.observe(vote, mode, facts, nowMs, ip);
    return seen instanceof Promise ? seen.then((signals) => this.scored(vote, facts, signals, nowMs, ip, null)) : this.scored(vote, facts, seen, nowMs, ip, null);
  }

  private async scoreLater(vote: WouldBeVote, mode: 'observe' | 'peek', nowMs: number, ip: string | null, lookups: Lookups, external: Promise<SignalResult> | null): Promise<ScoredVote> {
    const facts: Facts = await Promise.all([lookups[0], lookups[1], lookups[2], lookups[3]]);
    const seen = await this.observe(vote, mode, facts, nowMs, ip);
    return this.scored(vote, facts, seen, nowMs, ip, external ? await external : null);
  }

  /** Records the vote in the signal state and reads the counts back (`observe`), or only reads them (`peek`). */
  private observe(vote: WouldBeVote, mode: 'observe' | 'peek', [phone, , , location]: Facts, nowMs: number, ip: string | null): ObservedSignals | Promise<ObservedSignals> {
    const observation = { tenantId: vote.tenantId, userId: vote.userId, observationId: `${this.idPrefix}${(this.observations++).toString(36)}`, ip, deviceHash: vote.deviceFingerprint, phonePrefix: phone.prefix, location, nowMs };
    return mode === 'observe' ? this.state.observe(observation) : this.state.peek(observation);
  }

  private scored(vote: WouldBeVote, [phone, paid, settings, location]: Facts, seen: ObservedSignals, nowMs: number, ip: string | null, external: SignalResult | null): ScoredVote {
    const signals = [
      scoreIpVelocity({ ip, votesInWindow: seen.ipVotes, accountsInWindow: seen.ipAccounts, windowSeconds: IP_WINDOW_MS / 1000 }),
      scoreDeviceSharing({ deviceHash: vote.deviceFingerprint, accountsOnDevice: seen.deviceAccounts, devicesOfAccount: seen.accountDevices, clusterSize: seen.clusterSize }),
      scoreGeoAnomaly({ previous: seen.previousLocation, current: location ? { ...location, atMs: nowMs } : null }),
      scorePhoneReputation({ type: phone.type, accountsOnPrefix: seen.prefixAccounts, verifiedHoursAgo: phone.verifiedAtMs === null ? null : (nowMs - phone.verifiedAtMs) / 3_600_000 }),
      scoreVotePattern({ recentVoteTimesMs: seen.recentVoteTimesMs, lastPurchaseAtMs: paid.lastPurchaseAtMs }),
      scorePaymentRisk(paid),
      ...(external ? [external] : []),
    ];
    const scored = aggregateRisk(signals, settings, this.config.externalWeight);
    return { scored, stored: storedScreening(scored, signals) };
  }
}
