import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export class ReviewBrandingCommand extends TallyCommand<{ submissionId: string; status: 'approved' | 'rejected' }> {
  constructor(
    readonly tenantId: string,
    readonly submissionId: string,
    readonly decision: { approve: true } | { approve: false; reason: string },
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
