import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { PLATFORM_OWNER, rulesStream } from '../../domain/ratelimit.streams';
import { rulesDecider } from '../../domain/rules.state';
import { SetRuleCommand, SetRuleResult } from './set-rule.command';
import { decideSetRule } from './set-rule.decide';

@CommandHandler(SetRuleCommand)
export class SetRuleHandler implements ICommandHandler<SetRuleCommand, SetRuleResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller, metadata }: SetRuleCommand): Promise<SetRuleResult> {
    const owner = input.level === 'platform' ? PLATFORM_OWNER : metadata.tenantId;
    const newRuleId = uuidv7();
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: rulesDecider, streamId: rulesStream(owner), decide: (state) => decideSetRule(input, caller, newRuleId, state, now) },
      metadata,
    );
    const rule = [...outcome.state.rules.values()].find((candidate) => candidate.name === input.name)!;
    return { rule, level: input.level, tenantId: input.level === 'platform' ? null : metadata.tenantId, changed: outcome.events.length > 0 };
  }
}
