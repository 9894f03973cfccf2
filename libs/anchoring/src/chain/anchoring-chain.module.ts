import { Module, OnApplicationShutdown } from '@nestjs/common';
import { DATABASE_LOCATION, DatabaseLocation, Env, ENV, PG_POOL } from '@tally/platform';
import type { Pool } from 'pg';
import { createAnchorChain } from './anchor-chain.factory';
import { RecordAnchorConfirmedHandler } from './commands/record-anchor-confirmed/record-anchor-confirmed.handler';
import { ANCHOR_CHAIN, AnchorChain } from './anchor-chain.port';
import { PostgresAnchorSendLock } from './anchor-send-lock';
import { ANCHORING_CHAIN_CONFIG, AnchoringChainConfig, loadAnchoringChainConfig } from './anchoring-chain.config';
import { AnchorContestEndTask } from './publish/anchor-contest-end.task';
import { AnchorMetrics } from './publish/anchor-metrics';
import { AnchorPublisher } from './publish/anchor-publisher';
import { AnchorRecheckJob } from './publish/anchor-recheck.job';
import { BlockchainAnchors } from './publish/blockchain-anchors';
import { ContestEndAnchorsReactor } from './publish/contest-end-anchors.reactor';
import { DailyAnchorsJob } from './publish/daily-anchors.job';
import { PhaseEndAnchorsReactor } from './publish/phase-end-anchors.reactor';
import { PublishAnchorTask } from './publish/publish-anchor.task';

/** Closes the provider's connections with the application. */
class AnchorChainLifecycle implements OnApplicationShutdown {
  constructor(private readonly chain: AnchorChain | null) {}

  onApplicationShutdown(): void {
    this.chain?.close();
  }
}

/**
 * Anchoring signed tree heads on an EVM chain (libs/anchoring/README.md "Anchoring on a chain"):
 * the chain (null when ANCHORING_CHAIN_RPC_URL is unset), blockchain_anchors, the publish and
 * contest-end tasks, the AnchorConfirmed event (anchor-<tenant>.<contest>), the contest-end and phase-end reactors, the daily and recheck jobs, the metrics.
 * Uses TREE_HEADS, which the (global) AnchoringModule exports.
 */
@Module({
  providers: [
    { provide: ANCHORING_CHAIN_CONFIG, inject: [ENV], useFactory: (env: Env) => loadAnchoringChainConfig(env) },
    // Processes sharing the publisher's key take turns sending under a PostgreSQL advisory lock (anchor-send-lock.ts).
    // Not on the embedded database: one process (its sends already queue), and PGlite runs one transaction at a
    // time for the whole database, which a lock held across an RPC call would stall.
    {
      provide: ANCHOR_CHAIN,
      inject: [ANCHORING_CHAIN_CONFIG, PG_POOL, DATABASE_LOCATION],
      useFactory: (config: AnchoringChainConfig, pool: Pool, location: DatabaseLocation) => createAnchorChain(config, location.embedded ? undefined : new PostgresAnchorSendLock(pool)),
    },
    { provide: AnchorChainLifecycle, inject: [ANCHOR_CHAIN], useFactory: (chain: AnchorChain | null) => new AnchorChainLifecycle(chain) },
    BlockchainAnchors,
    AnchorMetrics,
    AnchorPublisher,
    PublishAnchorTask,
    RecordAnchorConfirmedHandler,
    AnchorContestEndTask,
    ContestEndAnchorsReactor,
    PhaseEndAnchorsReactor,
    DailyAnchorsJob,
    AnchorRecheckJob,
  ],
  exports: [BlockchainAnchors, AnchorPublisher, ANCHOR_CHAIN],
})
export class AnchoringChainModule {}
