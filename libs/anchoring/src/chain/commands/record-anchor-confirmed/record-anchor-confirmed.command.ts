import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { AnchorConfirmed } from '../../domain/anchor.events';

/** The confirmed anchor as blockchain_anchors holds it; `at` is when it was found confirmed. */
export type RecordAnchorConfirmedInput = Omit<AnchorConfirmed['data'], 'at'>;

/** True when the confirmation was appended (false: this anchor had been recorded confirmed before). */
export class RecordAnchorConfirmedCommand extends TallyCommand<boolean> {
  constructor(
    readonly input: RecordAnchorConfirmedInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
