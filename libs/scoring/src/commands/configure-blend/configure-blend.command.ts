import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface ConfigureBlendInput {
  contestId: string;
  juryWeight: number;
  publicWeight: number;
}

export interface ConfigureBlendResult {
  juryWeight: number;
  publicWeight: number;
}

export class ConfigureBlendCommand extends TallyCommand<ConfigureBlendResult> {
  constructor(
    readonly input: ConfigureBlendInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
