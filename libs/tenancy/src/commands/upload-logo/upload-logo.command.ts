import { CommandMetadata, TallyCommand } from '@tally/eventstore';

/** Submits the branding with `logoUrl` (an asset already stored under the tenant's name) for moderation. */
export class UploadLogoCommand extends TallyCommand<{ submissionId: string }> {
  constructor(
    readonly tenantId: string,
    readonly submissionId: string,
    readonly logoUrl: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
