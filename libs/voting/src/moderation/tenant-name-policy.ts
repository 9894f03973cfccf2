import { Injectable } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { bannedTermsOf } from '../domain/content-checks';
import { nameModerationOf, NamePolicy } from '../domain/name-moderation';

/** A tenant's rules for contestant names: its `bannedTerms` and `contestantNameModeration` settings. */
@Injectable()
export class TenantNamePolicy {
  constructor(private readonly tenants: TenantDirectory) {}

  async of(tenantId: string): Promise<NamePolicy> {
    const settings = (await this.tenants.state(tenantId))?.settings;
    return { bannedTerms: bannedTermsOf(settings?.bannedTerms), moderation: nameModerationOf(settings?.contestantNameModeration) };
  }
}
