import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { ConfigureBlendCommand, ConfigureBlendResult } from './configure-blend.command';
import { decideConfigureBlend } from './configure-blend.decide';

@CommandHandler(ConfigureBlendCommand)
export class ConfigureBlendHandler implements ICommandHandler<ConfigureBlendCommand, ConfigureBlendResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ConfigureBlendCommand): Promise<ConfigureBlendResult> {
    await this.facts.contest(metadata.tenantId, input.contestId);
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideConfigureBlend(input, state, now) }, metadata);
    return { ...outcome.state.blend };
  }
}
