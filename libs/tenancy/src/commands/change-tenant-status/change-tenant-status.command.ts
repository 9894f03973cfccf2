import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { TenantStatus } from '../../domain/tenant.events';

export class ChangeTenantStatusCommand extends TallyCommand<{ tenantId: string; status: TenantStatus }> {
  constructor(
    readonly tenantId: string,
    readonly status: TenantStatus,
    readonly reason: string | null,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
