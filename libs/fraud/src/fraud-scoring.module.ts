import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { ENV, Env, REDIS } from '@tally/platform';
import { IdentityModule } from '@tally/identity';
import { EXTERNAL_VOTE_SCREENING, VoteScreening } from '@tally/voting';
import { ChangeFraudSettingsHandler } from './commands/change-fraud-settings/change-fraud-settings.handler';
import { ChangeFraudSettingsHttpController } from './commands/change-fraud-settings/change-fraud-settings.http.controller';
import { ExternalFraudScorer } from './external/external-fraud-scorer';
import { EXTERNAL_FRAUD_SCORER, FRAUD_CONFIG, FraudConfig, loadFraudConfig } from './fraud.config';
import './fraud.errors';
import { GeoLocator } from './lookups/geo-locator';
import { PaymentHistory } from './lookups/payment-history';
import { PhoneLookup } from './lookups/phone-lookup';
import { FraudScoresProjection } from './projections/fraud-scores/fraud-scores.projection';
import { PaymentRiskProjection } from './projections/payment-risk/payment-risk.projection';
import { CheckVoteHandler } from './queries/check-vote/check-vote.query';
import { CheckVoteHttpController } from './queries/check-vote/check-vote.http.controller';
import { GetFraudSettingsHttpController } from './queries/get-fraud-settings/get-fraud-settings.http.controller';
import { FraudScreener } from './screening/fraud-screener';
import { FraudVoteScreening } from './screening/fraud-vote.screening';
import { ScreenedOutRecorder } from './screening/screened-out.recorder';
import { FraudSettingsReader } from './settings/fraud-settings.reader';
import { MemorySignalStore } from './signal-store/memory-signal.store';
import { MirroredSignalStore } from './signal-store/mirrored-signal.store';
import { RedisSignalStore } from './signal-store/redis-signal.store';
import { SIGNAL_STORE, SignalStore } from './signal-store/signal-store.port';

/**
 * Risk scoring: the signals' state (Redis, mirrored in each process unless FRAUD_SIGNAL_SYNC=exact, or in-process when embedded), the slow lookups (geo
 * database, phone, payments, settings), the scorer, the per-tenant settings and the check.
 * Global so that voting finds EXTERNAL_VOTE_SCREENING without importing fraud (fraud depends on
 * voting, not the other way round); null when FRAUD_SCREENING_ENABLED=false.
 */
@Global()
@Module({
  imports: [IdentityModule],
  controllers: [ChangeFraudSettingsHttpController, GetFraudSettingsHttpController, CheckVoteHttpController],
  providers: [
    { provide: FRAUD_CONFIG, inject: [ENV], useFactory: (env: Env) => loadFraudConfig(env) },
    {
      provide: SIGNAL_STORE,
      inject: [REDIS, FRAUD_CONFIG],
      useFactory: (redis: Redis | null, config: FraudConfig): SignalStore => {
        if (!redis) return new MemorySignalStore();
        if (config.signalSync === 'mirrored') return new MirroredSignalStore(redis, { prefix: config.redisPrefix, flushMs: config.signalFlushMs, batchMax: config.signalBatchMax });
        return new RedisSignalStore(redis, config.redisPrefix, config.signalBatchMax);
      },
    },
    {
      provide: GeoLocator,
      inject: [FRAUD_CONFIG],
      useFactory: async (config: FraudConfig): Promise<GeoLocator> => {
        const locator = new GeoLocator(config.geoDatabaseDir);
        await locator.load();
        return locator;
      },
    },
    {
      provide: EXTERNAL_FRAUD_SCORER,
      inject: [FRAUD_CONFIG],
      useFactory: (config: FraudConfig): ExternalFraudScorer | null => (config.external ? new ExternalFraudScorer(config.external) : null),
    },
    PhoneLookup,
    PaymentHistory,
    FraudSettingsReader,
    FraudScreener,
    ScreenedOutRecorder,
    FraudVoteScreening,
    {
      provide: EXTERNAL_VOTE_SCREENING,
      inject: [FRAUD_CONFIG, FraudVoteScreening],
      useFactory: (config: FraudConfig, screening: FraudVoteScreening): VoteScreening | null => (config.screeningEnabled ? screening : null),
    },
    ChangeFraudSettingsHandler,
    CheckVoteHandler,
    FraudScoresProjection,
    PaymentRiskProjection,
  ],
  exports: [EXTERNAL_VOTE_SCREENING, FraudScreener],
})
export class FraudScoringModule {}
