import { Inject, Logger } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK } from '@tally/platform';
import { ANCHOR_CHAIN, AnchorChain } from '../anchor-chain.port';
import { ANCHORING_CHAIN_CONFIG, AnchoringChainConfig } from '../anchoring-chain.config';
import { AnchorMetrics } from './anchor-metrics';
import { AnchorPublisher } from './anchor-publisher';
import { BlockchainAnchors, expectationOf } from './blockchain-anchors';

/**
 * Reads back every anchor confirmed in the last ANCHORING_RECHECK_WINDOW_HOURS (every
 * ANCHORING_RECHECK_MS): a reorganisation deeper than the confirmations can still take one off
 * the chain. One that is gone, or whose block is no longer canonical, is counted
 * (tally_anchor_failures_total{reason="reorged"}), set back to pending and sent again.
 */
@RegisteredJob()
export class AnchorRecheckJob implements ScheduledJob {
  readonly name = 'anchoring.anchor-recheck';
  readonly schedule: { everyMs: number };
  private readonly logger = new Logger('Anchoring');

  constructor(
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
    private readonly anchors: BlockchainAnchors,
    private readonly publisher: AnchorPublisher,
    private readonly metrics: AnchorMetrics,
    @Inject(ANCHORING_CHAIN_CONFIG) private readonly config: AnchoringChainConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.schedule = { everyMs: config.recheck.everyMs };
  }

  async run(): Promise<{ checked: number; reanchored: number }> {
    const chain = this.chain;
    if (!chain) return { checked: 0, reanchored: 0 };
    const since = new Date(this.clock.now().getTime() - this.config.recheck.windowHours * 3_600_000);
    const confirmed = (await this.anchors.confirmedSince(since)).filter((anchor) => anchor.chain === chain.name);
    let reanchored = 0;
    for (const anchor of confirmed) {
      const inspection = await chain.inspect(expectationOf(anchor, chain.confirmations));
      if (inspection.state === 'confirmed' || inspection.state === 'mined') {
        await this.anchors.markChecked(anchor.anchorId, inspection.confirmations, this.clock.now());
        continue;
      }
      if (inspection.state === 'pending') continue;
      const detail = inspection.state === 'mismatch' ? inspection.problems.join('; ') : `transaction ${anchor.txHash} in block ${anchor.blockNumber} ${anchor.blockHash} is ${inspection.state}`;
      const reason = inspection.state === 'mismatch' ? 'mismatch' : inspection.state === 'reverted' ? 'reverted' : 'reorged';
      this.metrics.failed(chain.name, reason);
      await this.anchors.markFailed(anchor.anchorId, reason, detail, this.clock.now());
      await this.publisher.resend(anchor.anchorId, anchor.failures + 1);
      this.logger.warn({ anchorId: anchor.anchorId, contestId: anchor.contestId, treeSize: anchor.treeSize, txHash: anchor.txHash, reason, detail }, 'A confirmed anchor left the chain; anchoring it again');
      reanchored++;
    }
    return { checked: confirmed.length, reanchored };
  }
}
