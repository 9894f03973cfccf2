import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ResolvedTenant } from '@tally/platform';

export class CreateTenantCommand extends TallyCommand<ResolvedTenant> {
  constructor(
    readonly tenantId: string,
    readonly name: string,
    readonly slug: string,
    readonly domain: string | null,
    readonly planType: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
