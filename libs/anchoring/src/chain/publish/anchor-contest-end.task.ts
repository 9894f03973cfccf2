import { Inject } from '@nestjs/common';
import { GlobalPosition, ReadPositionWaiter } from '@tally/eventstore';
import { RegisteredTask, TaskHandler, TaskRetryPolicy } from '@tally/jobs';
import { TREE_HEADS, TreeHeads } from '../../tree-heads/signed-tree-head';
import { ANCHORING_CHAIN_CONFIG, AnchoringChainConfig } from '../anchoring-chain.config';
import { AnchorPublisher } from './anchor-publisher';
import { AnchorTrigger } from './blockchain-anchors';

export const ANCHOR_CONTEST_END = 'anchoring.anchor-contest-end';

export interface AnchorContestEndPayload {
  tenantId: string;
  contestId: string;
  trigger: AnchorTrigger;
  /** The status change's log position: the head anchored is signed at or after it. */
  position: GlobalPosition;
}

/** MerkleLogProjection's name: the projection that signs a contest's heads. */
const MERKLE_LOG = 'anchoring-merkle-log';

/** Thrown to be tried again: the Merkle log has not applied the status change yet. */
export class MerkleLogBehind extends Error {
  constructor(contestId: string, position: GlobalPosition) {
    super(`The Merkle log has not yet applied position ${position} (contest ${contestId}): its head there is not signed yet`);
    this.name = 'MerkleLogBehind';
  }
}

/**
 * Anchors the signed tree head of a contest at the end of a phase: once the Merkle log
 * projection has applied the status change (it signs the final head at a close), its latest head
 * is recorded for anchoring (AnchorPublisher, once per head). Until then it throws and the task
 * queue tries again with backoff.
 */
@RegisteredTask(ANCHOR_CONTEST_END)
export class AnchorContestEndTask implements TaskHandler<AnchorContestEndPayload> {
  readonly retry: Partial<TaskRetryPolicy>;

  constructor(
    private readonly waiter: ReadPositionWaiter,
    @Inject(TREE_HEADS) private readonly heads: TreeHeads,
    private readonly publisher: AnchorPublisher,
    @Inject(ANCHORING_CHAIN_CONFIG) config: AnchoringChainConfig,
  ) {
    this.retry = { ...config.retry, baseDelayMs: Math.min(config.retry.baseDelayMs, 1_000) };
  }

  async handle({ tenantId, contestId, trigger, position }: AnchorContestEndPayload): Promise<{ anchorId: string | null; treeSize?: number }> {
    if (!(await this.waiter.waitFor([MERKLE_LOG], position, 2_000))) throw new MerkleLogBehind(contestId, position);
    const head = await this.heads.latest(tenantId, contestId);
    if (!head) return { anchorId: null };
    const recorded = await this.publisher.anchor(head, trigger);
    return { anchorId: recorded?.anchor.anchorId ?? null, treeSize: head.treeSize };
  }
}
