import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '@tally/eventstore';
import { DomainError, ResolvedTenant, Role } from '@tally/platform';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import { ChangeRolesCommand } from '../commands/change-roles/change-roles.command';
import { SignUpCommand } from '../commands/sign-up/sign-up.command';
import { Lookups } from '../crypto/lookups';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';
import { UserDirectory } from '../users/user-directory';

const ADMIN_ROLES: Role[] = ['platform_admin', 'organizer', 'voter'];

/**
 * TALLY_BOOTSTRAP_ADMIN=email:password creates (or promotes) a platform admin in tenant `demo`
 * at start. An existing account keeps its password: the variable seeds, it never resets.
 * Safe in several processes at once: the email claim lets one sign-up win.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly commands: CommandBus,
    private readonly users: UserDirectory,
    private readonly lookups: Lookups,
    private readonly tenants: TenantDirectory,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdmin) return;
    const tenant = await this.demoTenant();
    const userId = await this.ensureAdmin(tenant.id, this.config.bootstrapAdmin);
    this.logger.log(`Platform admin ready in tenant ${tenant.slug} (user ${userId})`);
  }

  /** Takes the tenant id as an argument so other entry points (CLI, tests) can seed any tenant. */
  async ensureAdmin(tenantId: string, admin: { email: string; password: string }): Promise<string> {
    const metadata = commandMetadata({ tenantId, actorId: null, clientIp: null });
    const emailHash = this.lookups.emailHash(tenantId, admin.email);
    let userId = await this.users.userIdBy('email', tenantId, emailHash);
    if (!userId) {
      try {
        ({ userId } = await this.commands.execute(new SignUpCommand(admin.email, admin.password, null, metadata, ADMIN_ROLES, true)));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'IDENTITY.EMAIL_TAKEN')) throw error;
        userId = await this.users.userIdBy('email', tenantId, emailHash);
      }
    }
    if (!userId) throw new Error('Bootstrap admin could not be created');
    const { state } = await this.users.load(tenantId, userId);
    if (!state.roles.includes('platform_admin')) {
      await this.commands.execute(new ChangeRolesCommand(userId, [...new Set([...state.roles, ...ADMIN_ROLES])], ['platform_admin'], metadata));
    }
    return userId;
  }

  /** The lead's tenancy creates `demo` at start too; wait for it briefly, then create it ourselves (idempotent). */
  private async demoTenant(): Promise<ResolvedTenant> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const found = await this.tenants.findBySlug(DEMO_TENANT_SLUG);
      if (found) return found;
      // Creating it races start-up's own creation safely: the loser waits for the winner's tenant.
      if (attempt === 5) return this.tenants.ensureDemoTenant();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('Tenant demo not found for TALLY_BOOTSTRAP_ADMIN');
  }
}
