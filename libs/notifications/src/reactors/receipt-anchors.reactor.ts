import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ANCHORED_RECEIPTS, AnchoredReceipts } from '@tally/anchoring';
import type { AnchorConfirmed } from '@tally/anchoring';
import { metadataCausedBy, Reactor, ReadPositionWaiter, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid } from '@tally/platform';
import { NoteReceiptsAnchoredCommand } from '../commands/note-receipts-anchored/note-receipts-anchored.command';
import { awaitAudienceAt, olderThanPushTtl } from '../delivery/audience-timing';
import { PushAudienceReader } from '../delivery/push-audience.reader';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

/** Voters asked about at once (one grouped query on the Merkle log's leaves each). */
const VOTERS_PER_QUERY = 500;

/**
 * "Your receipt is anchored": for each anchor confirmed on a chain (anchoring's AnchorConfirmed),
 * the voters of its event who can be told (a device, not muted; the audience projection as of the
 * anchor) and have vote receipts among the leaves it covers get one ReceiptsAnchored notice each
 * on their push stream (NoteReceiptsAnchoredCommand decides: news only, at most one per voter per
 * PUSH_ANCHORED_MIN_MINUTES), which the push reactor delivers. Idempotent: a notice's id is
 * derived from the anchor and the voter, and a voter already told decides nothing, so a retry, a
 * replay or a re-run from the start notes nothing twice. An anchor older than PUSH_TTL_SECONDS
 * (a re-run long after) notes nothing: the push services would not deliver it any more.
 */
@RegisteredReactor()
export class ReceiptAnchorsReactor implements Reactor {
  readonly name = 'notifications.receipt-anchors';
  readonly filter = { streamPrefixes: ['anchor-'], eventTypes: ['AnchorConfirmed'] };
  readonly batchSize = 10;
  private readonly logger = new Logger('ReceiptAnchorsReactor');

  constructor(
    @Inject(ANCHORED_RECEIPTS) private readonly receipts: AnchoredReceipts,
    private readonly audience: PushAudienceReader,
    private readonly waiter: ReadPositionWaiter,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const anchor = event.data as AnchorConfirmed['data'];
    if (olderThanPushTtl(event, this.clock.now(), this.config.ttlSeconds)) {
      this.logger.warn(`Anchor ${anchor.anchorId} not told to its voters: older than PUSH_TTL_SECONDS`);
      return;
    }
    await awaitAudienceAt(this.waiter, event.position);
    const tenantId = event.metadata.tenantId;
    const voters = await this.audience.votersWithDevices(tenantId, anchor.contestId, 'receipt-anchored', event.position);
    for (let i = 0; i < voters.length; i += VOTERS_PER_QUERY) {
      for (const covered of await this.receipts.ofVoters(tenantId, anchor.contestId, anchor.treeSize, voters.slice(i, i + VOTERS_PER_QUERY))) {
        const input = {
          userId: covered.userId,
          contestId: anchor.contestId,
          anchorId: anchor.anchorId,
          treeSize: anchor.treeSize,
          chain: anchor.chain,
          txHash: anchor.txHash,
          covered: { votes: covered.votes, lastLeafIndex: covered.lastLeafIndex, lastVoteId: covered.lastVoteId },
          noticeId: deterministicUuid('tally:notifications:receipts-anchored', tenantId, anchor.anchorId, covered.userId),
        };
        await this.commands.execute(new NoteReceiptsAnchoredCommand(input, metadataCausedBy(event)));
      }
    }
  }
}
