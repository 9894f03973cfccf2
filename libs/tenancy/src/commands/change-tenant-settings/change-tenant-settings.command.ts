import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { TenantSettingValue } from '../../domain/tenant.events';

export class ChangeTenantSettingsCommand extends TallyCommand<Readonly<Record<string, TenantSettingValue>>> {
  constructor(
    readonly tenantId: string,
    readonly settings: Record<string, unknown>,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
