import { Injectable } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { bannedTermsOf } from '../domain/content-checks';

/** The terms a tenant bans from contestant names, bios and media (its `bannedTerms` setting). */
@Injectable()
export class TenantBannedTerms {
  constructor(private readonly tenants: TenantDirectory) {}

  async of(tenantId: string): Promise<string[]> {
    return bannedTermsOf((await this.tenants.state(tenantId))?.settings.bannedTerms);
  }
}
