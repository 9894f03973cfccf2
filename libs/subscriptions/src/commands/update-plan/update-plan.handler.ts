import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { planDecider } from '../../domain/plan.state';
import { planStream } from '../../domain/subscriptions.streams';
import { PlanResult } from '../create-plan/create-plan.command';
import { UpdatePlanCommand } from './update-plan.command';
import { decideUpdatePlan } from './update-plan.decide';

@CommandHandler(UpdatePlanCommand)
export class UpdatePlanHandler implements ICommandHandler<UpdatePlanCommand, PlanResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, terms, metadata }: UpdatePlanCommand): Promise<PlanResult> {
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: planDecider, streamId: planStream(metadata.tenantId, planId), decide: (state) => decideUpdatePlan(terms, state, now) }, metadata);
    return { planId, version: outcome.state.version };
  }
}
