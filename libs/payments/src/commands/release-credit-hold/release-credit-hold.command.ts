import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface ReleaseCreditHoldInput {
  paymentId: string;
  /** Why the organizer lets the credits go back, kept on the event. */
  reason: string;
}

export interface ReleaseCreditHoldResult {
  paymentId: string;
  releaseId: string;
  creditsReleased: number;
  /** True when this hold was already released by an earlier call: nothing changed. */
  replayed: boolean;
}

export class ReleaseCreditHoldCommand extends TallyCommand<ReleaseCreditHoldResult> {
  constructor(
    readonly input: ReleaseCreditHoldInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
