import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { ContestEvent } from '@tally/voting';
import { TakeSnapshotCommand } from '../commands/take-snapshot/take-snapshot.command';
import { judgingDecider } from '../domain/judging.state';
import { judgingStream } from '../domain/judging.streams';

/**
 * The close milestone: when an event with jury scoring closes, its blended ranking as it stands
 * then is frozen (reason `close`; served once the scores are revealed). The snapshot id is
 * derived from the event, so a redelivered close takes none twice.
 */
@RegisteredReactor()
export class ContestCloseSnapshotReactor implements Reactor {
  readonly name = 'scoring.close-snapshot';
  readonly filter = { streamPrefixes: ['contest-'], eventTypes: ['ContestStatusChanged'] };

  constructor(
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ContestEvent;
    if (event.type !== 'ContestStatusChanged' || event.data.to !== 'closed') return;
    const tenantId = recorded.metadata.tenantId;
    const { state } = await this.runner.load(judgingDecider, judgingStream(tenantId, event.data.contestId));
    if (!state.exists) return;
    await this.commands.execute(new TakeSnapshotCommand({ contestId: event.data.contestId, reason: 'close' }, metadataCausedBy(recorded)));
  }
}
