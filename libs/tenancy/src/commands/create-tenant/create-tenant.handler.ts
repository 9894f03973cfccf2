import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, ResolvedTenant } from '@tally/platform';
import { decideReservation, nameReservationDecider } from '../../domain/name-reservation';
import { tenantDecider } from '../../domain/tenant.decider';
import { tenantNameStream, tenantStream } from '../../domain/tenant.streams';
import { CreateTenantCommand } from './create-tenant.command';

/**
 * Host name first, then slug, then the tenant itself: each reservation is idempotent for the
 * same tenant id, so a retried command completes instead of failing on its own reservations.
 */
@CommandHandler(CreateTenantCommand)
export class CreateTenantHandler implements ICommandHandler<CreateTenantCommand, ResolvedTenant> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateTenantCommand): Promise<ResolvedTenant> {
    const { tenantId, slug, domain, metadata } = command;
    await this.refuseTakenNames(command);
    if (domain) await this.reserve('domain', domain, tenantId, command);
    await this.reserve('slug', slug, tenantId, command);
    await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(tenantId),
        decide: (state) => {
          if (state.exists) return [];
          const createdAt = this.clock.now().toISOString();
          return [{ type: 'TenantCreated' as const, data: { tenantId, name: command.name, slug, domain, planType: command.planType, createdAt } }];
        },
      },
      metadata,
    );
    return { id: tenantId, slug };
  }

  /**
   * Both names are checked before either is reserved, so a taken slug (the usual refusal) does
   * not leave the host name reserved for a tenant that never came to be. Two creations racing
   * for the same names are still settled by the reservations' expected revisions below.
   */
  private async refuseTakenNames({ tenantId, slug, domain }: CreateTenantCommand): Promise<void> {
    const names: ['slug' | 'domain', string][] = domain ? [['domain', domain], ['slug', slug]] : [['slug', slug]];
    for (const [kind, value] of names) {
      const { state } = await this.runner.load(nameReservationDecider, tenantNameStream(kind, value));
      decideReservation(state, { tenantId, kind, value: value.toLowerCase() });
    }
  }

  private async reserve(kind: 'slug' | 'domain', value: string, tenantId: string, command: CreateTenantCommand): Promise<void> {
    await this.runner.run(
      {
        decider: nameReservationDecider,
        streamId: tenantNameStream(kind, value),
        decide: (state) => decideReservation(state, { tenantId, kind, value: value.toLowerCase() }),
      },
      command.metadata,
    );
  }
}
