import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface UnsubscribeDeviceInput {
  userId: string;
  deviceId: string;
  /** `user`: the voter removed it; `gone`: the push service answered 404/410 for it. */
  reason: 'user' | 'gone';
}

export class UnsubscribeDeviceCommand extends TallyCommand<void> {
  constructor(
    readonly input: UnsubscribeDeviceInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
