import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decidePlanChange } from '../../domain/tenant-status';
import { tenantDecider } from '../../domain/tenant.decider';
import { tenantStream } from '../../domain/tenant.streams';
import { ChangeTenantPlanCommand } from './change-tenant-plan.command';

@CommandHandler(ChangeTenantPlanCommand)
export class ChangeTenantPlanHandler implements ICommandHandler<ChangeTenantPlanCommand, { tenantId: string; planType: string }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ChangeTenantPlanCommand): Promise<{ tenantId: string; planType: string }> {
    const outcome = await this.runner.run(
      {
        decider: tenantDecider,
        streamId: tenantStream(command.tenantId),
        decide: (state) => decidePlanChange(state, command.planType, this.clock.now().toISOString()),
      },
      command.metadata,
    );
    return { tenantId: command.tenantId, planType: outcome.state.planType };
  }
}
