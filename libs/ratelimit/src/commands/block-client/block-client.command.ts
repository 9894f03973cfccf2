import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface BlockClientInput {
  /** An address or CIDR network, IPv4 or IPv6. */
  network: string;
  durationSeconds: number;
  reason: string;
  source: 'admin' | 'edge';
}

export interface BlockClientResult {
  blockId: string;
  /** The network as stored: normalised, host bits cleared. */
  network: string;
  until: string;
}

export class BlockClientCommand extends TallyCommand<BlockClientResult> {
  constructor(
    readonly input: BlockClientInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
