import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestNoticeDecider } from '../../domain/contest-notice.state';
import { contestNoticeStream } from '../../domain/push.streams';
import { NoteContestClosingCommand } from './note-contest-closing.command';
import { decideNoteContestClosing } from './note-contest-closing.decide';

@CommandHandler(NoteContestClosingCommand)
export class NoteContestClosingHandler implements ICommandHandler<NoteContestClosingCommand, boolean> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: NoteContestClosingCommand): Promise<boolean> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: contestNoticeDecider, streamId: contestNoticeStream(metadata.tenantId, input.contestId), decide: (state) => decideNoteContestClosing(input, state, now) },
      metadata,
    );
    return outcome.events.length > 0;
  }
}
