import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ContextSchema } from '@tally/platform';
import { CreateTenantHandler } from './commands/create-tenant/create-tenant.handler';
import { CreateTenantHttpController } from './commands/create-tenant/create-tenant.http.controller';
import { GetTenantHttpController } from './queries/get-tenant/get-tenant.http.controller';
import { Migration20261125000100_tenancy_tenants, Migration20261125000110_tenancy_tenant_config } from './read-model/tenancy.migrations';
import { ChangeTenantSettingsHandler } from './commands/change-tenant-settings/change-tenant-settings.handler';
import { ChangeTenantSettingsHttpController } from './commands/change-tenant-settings/change-tenant-settings.http.controller';
import { TenantEntity } from './read-model/tenant.entity';
import { TenantsProjection } from './read-model/tenants.projection';
import { TenantDirectory } from './tenant-directory';
import './tenancy.errors';

export const tenancySchema: ContextSchema = {
  entities: [TenantEntity],
  migrations: [
    { name: 'Migration20261125000100_tenancy_tenants', class: Migration20261125000100_tenancy_tenants },
    { name: 'Migration20261125000110_tenancy_tenant_config', class: Migration20261125000110_tenancy_tenant_config },
  ],
};

@Module({
  imports: [CqrsModule],
  controllers: [CreateTenantHttpController, GetTenantHttpController, ChangeTenantSettingsHttpController],
  providers: [TenantDirectory, CreateTenantHandler, ChangeTenantSettingsHandler, TenantsProjection],
  exports: [TenantDirectory],
})
export class TenancyModule {}
