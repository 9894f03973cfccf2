import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PlanType } from '../../domain/tenant.events';

export class ChangeTenantPlanCommand extends TallyCommand<{ tenantId: string; planType: string }> {
  constructor(
    readonly tenantId: string,
    readonly planType: PlanType,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
