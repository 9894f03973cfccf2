import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { TenantBranding } from '../../domain/tenant.events';

export class SubmitBrandingCommand extends TallyCommand<{ submissionId: string }> {
  constructor(
    readonly tenantId: string,
    readonly submissionId: string,
    readonly branding: TenantBranding,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
