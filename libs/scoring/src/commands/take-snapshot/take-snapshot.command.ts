import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName, SnapshotItem, SnapshotReason } from '../../domain/judging.events';

export interface TakeSnapshotInput {
  contestId: string;
  reason: SnapshotReason;
  phase?: PhaseName;
}

export interface TakeSnapshotResult {
  snapshotId: string;
  reason: SnapshotReason;
  items: SnapshotItem[];
}

export class TakeSnapshotCommand extends TallyCommand<TakeSnapshotResult> {
  constructor(
    readonly input: TakeSnapshotInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
