import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PushAddress, PushTransport } from '../../domain/push.events';

export interface SubscribeDeviceInput {
  userId: string;
  address: PushAddress;
  label: string | null;
}

export interface SubscribeDeviceResult {
  deviceId: string;
  transport: PushTransport;
  label: string | null;
  /** False when the same endpoint or token was subscribed already with the same keys and label (nothing changed). */
  changed: boolean;
}

export class SubscribeDeviceCommand extends TallyCommand<SubscribeDeviceResult> {
  constructor(
    readonly input: SubscribeDeviceInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
