import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { planDecider } from '../../domain/plan.state';
import { planStream } from '../../domain/subscriptions.streams';
import { CreatePlanCommand, PlanResult } from './create-plan.command';
import { decideCreatePlan } from './create-plan.decide';

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, PlanResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ terms, metadata }: CreatePlanCommand): Promise<PlanResult> {
    const planId = uuidv7();
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: planDecider, streamId: planStream(metadata.tenantId, planId), decide: (state) => decideCreatePlan(terms, planId, state, now) }, metadata);
    return { planId, version: outcome.state.version };
  }
}
