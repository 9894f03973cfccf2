import { Inject, Injectable, Logger } from '@nestjs/common';
import { TaskQueue } from '@tally/jobs';
import { Clock, CLOCK } from '@tally/platform';
import { SignedTreeHead } from '../../tree-heads/signed-tree-head';
import { ANCHOR_CHAIN, AnchorChain } from '../anchor-chain.port';
import { AnchorRow, AnchorTrigger, BlockchainAnchors } from './blockchain-anchors';

export const PUBLISH_ANCHOR = 'anchoring.publish-anchor';

export interface PublishAnchorPayload {
  anchorId: string;
}

/**
 * Records the anchor of a signed tree head (once per head and chain) and hands its sending to
 * the publish task. Idempotent: recording a head again finds its row and enqueues nothing new.
 */
@Injectable()
export class AnchorPublisher {
  private readonly logger = new Logger('Anchoring');

  constructor(
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
    private readonly anchors: BlockchainAnchors,
    private readonly tasks: TaskQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.chain !== null;
  }

  /** The anchor of this head (recorded now or before), or null when anchoring on a chain is off. */
  async anchor(head: SignedTreeHead, trigger: AnchorTrigger): Promise<{ anchor: AnchorRow; created: boolean } | null> {
    if (!this.chain) return null;
    const recorded = await this.anchors.record(head, trigger, this.chain, this.clock.now());
    if (recorded.created) {
      await this.resend(recorded.anchor.anchorId, 0);
      this.logger.log({ anchorId: recorded.anchor.anchorId, contestId: head.contestId, treeSize: head.treeSize, trigger, chain: this.chain.name }, 'Anchoring a signed tree head');
    }
    return recorded;
  }

  /** Enqueues the publish task of an anchor; `generation` tells a re-anchoring (after a reorganisation) from the first. */
  async resend(anchorId: string, generation: number): Promise<void> {
    const payload: PublishAnchorPayload = { anchorId };
    await this.tasks.enqueue({ type: PUBLISH_ANCHOR, payload, dedupeKey: `${PUBLISH_ANCHOR}:${anchorId}:${generation}` });
  }
}
