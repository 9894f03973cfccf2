import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';
import { PreferencesResult, SetPreferencesCommand } from './set-preferences.command';
import { decideSetPreferences } from './set-preferences.decide';

@CommandHandler(SetPreferencesCommand)
export class SetPreferencesHandler implements ICommandHandler<SetPreferencesCommand, PreferencesResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: SetPreferencesCommand): Promise<PreferencesResult> {
    const now = this.clock.now();
    const { state } = await this.runner.run({ decider: pushDecider, streamId: pushStream(metadata.tenantId, input.userId), decide: (current) => decideSetPreferences(input, current, now) }, metadata);
    return { muted: [...state.muted], follows: [...state.follows] };
  }
}
