import { Inject } from '@nestjs/common';
import { Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { TaskQueue } from '@tally/jobs';
import { JUDGING_CATEGORY } from '@tally/scoring';
import type { JudgingEvent } from '@tally/scoring';
import { ANCHOR_CHAIN, AnchorChain } from '../anchor-chain.port';
import { ANCHOR_CONTEST_END, AnchorContestEndPayload } from './anchor-contest-end.task';

type PhaseClosed = Extract<JudgingEvent, { type: 'PhaseClosed' }>;

/**
 * The end of a judging phase (scoring's PhaseClosed: preliminary, semi-final, final) gets the
 * contest's signed tree head anchored, as a close does: the same task waits until the Merkle log
 * has applied everything before the phase's end, then anchors the latest head (once per head: a
 * phase that ends with no vote since the last anchor records nothing new). Enqueued with the
 * event in the dedupe key, so the task exists once however often this reactor sees the event.
 */
@RegisteredReactor()
export class PhaseEndAnchorsReactor implements Reactor {
  readonly name = 'anchoring.phase-end-anchors';
  readonly filter = { streamPrefixes: [`${JUDGING_CATEGORY}-`], eventTypes: ['PhaseClosed'] };
  readonly batchSize = 50;

  constructor(
    private readonly tasks: TaskQueue,
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const { contestId } = recorded.data as PhaseClosed['data'];
    if (!this.chain || !recorded.metadata.tenantId) return;
    const payload: AnchorContestEndPayload = { tenantId: recorded.metadata.tenantId, contestId, trigger: 'phase-ended', position: recorded.position };
    await this.tasks.enqueue({ type: ANCHOR_CONTEST_END, payload, dedupeKey: `${ANCHOR_CONTEST_END}:${recorded.id}` });
  }
}
