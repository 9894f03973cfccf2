import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { pushDecider } from '../../domain/push.state';
import { pushStream } from '../../domain/push.streams';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../notifications.config';
import { NoteReceiptsAnchoredCommand } from './note-receipts-anchored.command';
import { decideNoteReceiptsAnchored } from './note-receipts-anchored.decide';

@CommandHandler(NoteReceiptsAnchoredCommand)
export class NoteReceiptsAnchoredHandler implements ICommandHandler<NoteReceiptsAnchoredCommand, boolean> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute({ input, metadata }: NoteReceiptsAnchoredCommand): Promise<boolean> {
    const now = this.clock.now();
    const quietMs = this.config.anchoredMinMinutes * 60_000;
    const outcome = await this.runner.run({ decider: pushDecider, streamId: pushStream(metadata.tenantId, input.userId), decide: (state) => decideNoteReceiptsAnchored(input, state, now, quietMs) }, metadata);
    return outcome.events.length > 0;
  }
}
