import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RegisteredTask, TaskHandler, TaskRetryPolicy } from '@tally/jobs';
import { Clock, CLOCK, commandMetadata } from '@tally/platform';
import { RecordAnchorConfirmedCommand } from '../commands/record-anchor-confirmed/record-anchor-confirmed.command';
import { ANCHOR_CHAIN, AnchorChain, AnchorInspection } from '../anchor-chain.port';
import { ANCHORING_CHAIN_CONFIG, AnchoringChainConfig } from '../anchoring-chain.config';
import { AnchorMetrics } from './anchor-metrics';
import { PUBLISH_ANCHOR, PublishAnchorPayload } from './anchor-publisher';
import { AnchorFailure, AnchorRow, BlockchainAnchors, expectationOf } from './blockchain-anchors';
import { failureOf } from './anchor-rules';

/** Thrown to be tried again later: the anchor is out but not yet deep enough. */
export class AnchorNotYetConfirmed extends Error {
  constructor(anchorId: string, state: string, confirmations: number, wanted: number) {
    super(`Anchor ${anchorId} is ${state} (${confirmations} of ${wanted} confirmations)`);
    this.name = 'AnchorNotYetConfirmed';
  }
}

/**
 * Sends one anchor and sees it confirmed (an async task: docs/architecture.md "Background work").
 * A run reads back the transaction it sent before, if any: confirmed → done; mined or pending →
 * thrown to be read again after the backoff; dropped, reverted, reorganised away or not ours →
 * counted (tally_anchor_failures_total), kept in failed_tx_hashes, and sent again. A node that
 * cannot be reached (or a send the contract refuses) fails the run (counted as `unreachable`, or `reverted`), and the task queue tries again with
 * exponential backoff (ANCHORING_PUBLISH_*), then the dead-letter sweep, then an operator
 * (AsyncTasksWaitingForOperator). At least once: a run repeated after a crash between the send
 * and its record sends a second transaction for the same head, which anchors the same content.
 */
@RegisteredTask(PUBLISH_ANCHOR)
export class PublishAnchorTask implements TaskHandler<PublishAnchorPayload> {
  readonly retry: Partial<TaskRetryPolicy>;
  private readonly logger = new Logger('Anchoring');

  constructor(
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
    private readonly anchors: BlockchainAnchors,
    private readonly metrics: AnchorMetrics,
    @Inject(ANCHORING_CHAIN_CONFIG) config: AnchoringChainConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {
    this.retry = config.retry;
  }

  async handle({ anchorId }: PublishAnchorPayload): Promise<{ anchorId: string; status: string; txHash?: string }> {
    const anchor = await this.anchors.find(anchorId);
    if (!anchor) return { anchorId, status: 'unknown' };
    // A run repeated after a crash between the confirmation and its event: the event is appended now (once).
    if (anchor.status === 'confirmed') return this.confirmed(anchorId);
    const chain = this.chain;
    if (!chain) throw new Error('Anchoring on a chain is off (ANCHORING_CHAIN_RPC_URL): the anchor waits until it is on again');
    if (chain.name !== anchor.chain) return { anchorId, status: `recorded for chain ${anchor.chain}, this process anchors on ${chain.name}` };
    if (anchor.txHash !== null) {
      const inspection = await this.reach(anchor, () => chain.inspect(expectationOf(anchor, chain.confirmations)));
      if (await this.settled(anchor, inspection)) return this.confirmed(anchorId);
      const failure = failureOf(inspection, anchor);
      if (!failure) throw new AnchorNotYetConfirmed(anchorId, inspection.state, 'confirmations' in inspection ? inspection.confirmations : 0, chain.confirmations);
      this.metrics.failed(chain.name, failure.reason);
      await this.anchors.markFailed(anchorId, failure.reason, failure.detail, this.clock.now());
      this.logger.warn({ anchorId, contestId: anchor.contestId, treeSize: anchor.treeSize, txHash: anchor.txHash, reason: failure.reason, detail: failure.detail }, 'Anchor failed on the chain; sending it again');
    }
    const sent = await this.reach(anchor, () => chain.publish({ contestId: anchor.contestId, treeSize: anchor.treeSize, rootHash: anchor.rootHash, headDigest: anchor.contentHash }));
    await this.anchors.markSent(anchorId, sent, this.clock.now());
    const fresh = { ...anchor, ...sent, blockHash: null, blockNumber: null };
    const inspection = await this.reach(anchor, () => chain.inspect(expectationOf(fresh, chain.confirmations)));
    if (await this.settled(fresh, inspection)) return this.confirmed(anchorId);
    throw new AnchorNotYetConfirmed(anchorId, inspection.state, 'confirmations' in inspection ? inspection.confirmations : 0, chain.confirmations);
  }

  /**
   * Appends AnchorConfirmed (once per anchor: anchor-<tenant>.<contest>) for the confirmed row, so
   * other contexts hear of it from the log. A failure here fails the run; the next run finds the
   * row confirmed and appends it then.
   */
  private async confirmed(anchorId: string): Promise<{ anchorId: string; status: string; txHash?: string }> {
    const anchor = await this.anchors.find(anchorId);
    if (anchor?.status !== 'confirmed' || anchor.txHash === null || anchor.blockNumber === null || anchor.blockHash === null) {
      throw new Error(`Anchor ${anchorId} is no longer confirmed (${anchor?.status ?? 'gone'}): read again`);
    }
    const { contestId, treeSize, rootHash, contentHash: headDigest, trigger, chain, chainId, txHash, blockNumber, blockHash } = anchor;
    const input = { anchorId, contestId, treeSize, rootHash, headDigest, trigger, chain, chainId, txHash, blockNumber, blockHash };
    await this.commands.execute(new RecordAnchorConfirmedCommand(input, commandMetadata({ tenantId: anchor.tenantId, actorId: null, clientIp: null })));
    return { anchorId, status: 'confirmed', txHash };
  }

  /** Records a mined read-back; true when the anchor is confirmed. */
  private async settled(anchor: AnchorRow, inspection: AnchorInspection): Promise<boolean> {
    if (inspection.state !== 'mined' && inspection.state !== 'confirmed') return false;
    await this.anchors.markMined(anchor.anchorId, inspection, inspection.state === 'confirmed', this.clock.now());
    return inspection.state === 'confirmed';
  }

  /** A call to the node; failing to reach it is counted and fails this run (the task is tried again). */
  private async reach<T>(anchor: AnchorRow, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // ethers' CALL_EXCEPTION: the node answered, the call reverts (e.g. not the contract's publisher).
      const reason: AnchorFailure = (error as { code?: string }).code === 'CALL_EXCEPTION' ? 'reverted' : 'unreachable';
      this.metrics.failed(anchor.chain, reason);
      await this.anchors.noteError(anchor.anchorId, reason, detail);
      throw error;
    }
  }
}
