import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ContextSchema, ENV, Env } from '@tally/platform';
import { ChangeTenantPlanHandler } from './commands/change-tenant-plan/change-tenant-plan.handler';
import { ChangeTenantPlanHttpController } from './commands/change-tenant-plan/change-tenant-plan.http.controller';
import { ChangeTenantStatusHandler } from './commands/change-tenant-status/change-tenant-status.handler';
import { ChangeTenantStatusHttpController } from './commands/change-tenant-status/change-tenant-status.http.controller';
import { ReviewBrandingHandler } from './commands/review-branding/review-branding.handler';
import { ReviewBrandingHttpController } from './commands/review-branding/review-branding.http.controller';
import { SubmitBrandingHandler } from './commands/submit-branding/submit-branding.handler';
import { SubmitBrandingHttpController } from './commands/submit-branding/submit-branding.http.controller';
import { UploadLogoHandler } from './commands/upload-logo/upload-logo.handler';
import { UploadLogoHttpController } from './commands/upload-logo/upload-logo.http.controller';
import { BrandingAssetStore } from './branding-assets/branding-asset-store';
import { FindTenantByDomainHttpController } from './queries/find-by-domain/find-by-domain.http.controller';
import { SuspendedTenantGuard } from './status/suspended-tenant.guard';
import { TenantStatusBook } from './status/tenant-status-book';
import { loadTenancyConfig, TENANCY_CONFIG } from './tenancy.config';
import { CreateTenantHandler } from './commands/create-tenant/create-tenant.handler';
import { CreateTenantHttpController } from './commands/create-tenant/create-tenant.http.controller';
import { GetTenantHttpController } from './queries/get-tenant/get-tenant.http.controller';
import { Migration20261125000100_tenancy_tenants, Migration20261125000110_tenancy_tenant_config, Migration20261204160000_tenancy_branding_moderation, Migration20261204162000_tenancy_contest_count } from './read-model/tenancy.migrations';
import { ChangeTenantSettingsHandler } from './commands/change-tenant-settings/change-tenant-settings.handler';
import { ChangeTenantSettingsHttpController } from './commands/change-tenant-settings/change-tenant-settings.http.controller';
import { TenantEntity } from './read-model/tenant.entity';
import { TenantsProjection } from './read-model/tenants.projection';
import { TenantDirectory } from './tenant-directory';
import { TenantStateCacheReactor } from './tenant-state-cache.reactor';
import { ListModerationQueueHttpController } from './queries/list-moderation-queue/list-moderation-queue.http.controller';
import { ModerationQueueReader } from './queries/list-moderation-queue/moderation-queue.reader';
import './tenancy.errors';

export const tenancySchema: ContextSchema = {
  entities: [TenantEntity],
  migrations: [
    { name: 'Migration20261125000100_tenancy_tenants', class: Migration20261125000100_tenancy_tenants },
    { name: 'Migration20261125000110_tenancy_tenant_config', class: Migration20261125000110_tenancy_tenant_config },
    { name: 'Migration20261204160000_tenancy_branding_moderation', class: Migration20261204160000_tenancy_branding_moderation },
    { name: 'Migration20261204162000_tenancy_contest_count', class: Migration20261204162000_tenancy_contest_count },
  ],
};

@Module({
  imports: [CqrsModule],
  controllers: [
    CreateTenantHttpController,
    GetTenantHttpController,
    FindTenantByDomainHttpController,
    ChangeTenantSettingsHttpController,
    ChangeTenantStatusHttpController,
    ChangeTenantPlanHttpController,
    SubmitBrandingHttpController,
    UploadLogoHttpController,
    ReviewBrandingHttpController,
    ListModerationQueueHttpController,
  ],
  providers: [
    ModerationQueueReader,
    BrandingAssetStore,
    UploadLogoHandler,
    { provide: TENANCY_CONFIG, inject: [ENV], useFactory: (env: Env) => loadTenancyConfig(env) },
    // Registered before identity's auth guard: a suspended tenant's write is refused before anything else runs.
    { provide: APP_GUARD, useClass: SuspendedTenantGuard },
    TenantStatusBook,
    TenantDirectory,
    TenantStateCacheReactor,
    CreateTenantHandler,
    ChangeTenantSettingsHandler,
    ChangeTenantStatusHandler,
    ChangeTenantPlanHandler,
    SubmitBrandingHandler,
    ReviewBrandingHandler,
    TenantsProjection,
  ],
  exports: [TenantDirectory, TenantStatusBook],
})
export class TenancyModule {}
