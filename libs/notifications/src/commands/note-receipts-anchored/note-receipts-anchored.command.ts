import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface NoteReceiptsAnchoredInput {
  userId: string;
  contestId: string;
  anchorId: string;
  treeSize: number;
  chain: string;
  txHash: string;
  /** The voter's votes among the anchor's leaves (anchoring's AnchoredReceipts): how many, and the newest. */
  covered: { votes: number; lastLeafIndex: number; lastVoteId: string };
  /** Derived from the anchor and the voter: a reactor that sees the anchor again appends the same event, which the store keeps once. */
  noticeId: string;
}

/** True when a notice was appended (false: nothing new to tell, no device, muted, or inside the quiet time). */
export class NoteReceiptsAnchoredCommand extends TallyCommand<boolean> {
  constructor(
    readonly input: NoteReceiptsAnchoredInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
