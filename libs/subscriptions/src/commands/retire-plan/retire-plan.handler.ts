import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { planDecider } from '../../domain/plan.state';
import { planStream } from '../../domain/subscriptions.streams';
import { RetirePlanCommand, RetirePlanResult } from './retire-plan.command';
import { decideRetirePlan } from './retire-plan.decide';

@CommandHandler(RetirePlanCommand)
export class RetirePlanHandler implements ICommandHandler<RetirePlanCommand, RetirePlanResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, metadata }: RetirePlanCommand): Promise<RetirePlanResult> {
    const now = this.clock.now();
    await this.runner.run({ decider: planDecider, streamId: planStream(metadata.tenantId, planId), decide: (state) => decideRetirePlan(state, now) }, metadata);
    return { planId, retired: true };
  }
}
