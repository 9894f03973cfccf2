import { Inject } from '@nestjs/common';
import { Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { TaskQueue } from '@tally/jobs';
import type { ContestEvent } from '@tally/voting';
import { ANCHOR_CHAIN, AnchorChain } from '../anchor-chain.port';
import { ANCHOR_CONTEST_END, AnchorContestEndPayload } from './anchor-contest-end.task';
import { endTriggerOf } from './anchor-rules';

type StatusChanged = Extract<ContestEvent, { type: 'ContestStatusChanged' }>;

/**
 * A contest's end of a phase (voting closed, the results finalized, or the contest cancelled)
 * gets its signed tree head anchored: the task waits until the Merkle log has applied the status
 * change, so the head it anchors is the log's at that moment. Enqueued with the event in the
 * dedupe key, so the task exists once however often this reactor sees the event.
 */
@RegisteredReactor()
export class ContestEndAnchorsReactor implements Reactor {
  readonly name = 'anchoring.contest-end-anchors';
  readonly filter = { streamPrefixes: ['contest-'], eventTypes: ['ContestStatusChanged'] };
  readonly batchSize = 50;

  constructor(
    private readonly tasks: TaskQueue,
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const { contestId, to } = (recorded.data as StatusChanged['data']);
    const trigger = endTriggerOf(to);
    if (!this.chain || !trigger || !recorded.metadata.tenantId) return;
    const payload: AnchorContestEndPayload = { tenantId: recorded.metadata.tenantId, contestId, trigger, position: recorded.position };
    await this.tasks.enqueue({ type: ANCHOR_CONTEST_END, payload, dedupeKey: `${ANCHOR_CONTEST_END}:${recorded.id}` });
  }
}
