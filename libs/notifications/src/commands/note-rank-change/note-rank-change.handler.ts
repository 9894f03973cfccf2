import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';
import { NoteRankChangeCommand } from './note-rank-change.command';
import { decideNoteRankChange } from './note-rank-change.decide';

@CommandHandler(NoteRankChangeCommand)
export class NoteRankChangeHandler implements ICommandHandler<NoteRankChangeCommand, boolean> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: NoteRankChangeCommand): Promise<boolean> {
    const now = this.clock.now();
    const outcome = await this.runner.run({ decider: pushDecider, streamId: pushStream(metadata.tenantId, input.userId), decide: (state) => decideNoteRankChange(input, state, now) }, metadata);
    return outcome.events.length > 0;
  }
}
