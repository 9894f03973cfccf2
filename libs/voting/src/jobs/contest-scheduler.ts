import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { ChangeContestStatusCommand } from '../commands/change-contest-status/change-contest-status.command';
import { ReadConnection } from '../read-models/read-connection';

/**
 * Opens scheduled events at their start date and closes open ones at their end date. The read
 * model only says which events may be due; the contest stream decides (`to: 'due'`), so a
 * stale row or a second worker doing the same changes nothing.
 */
@Injectable()
export class ContestScheduler {
  private readonly logger = new Logger('ContestScheduler');

  constructor(
    private readonly db: ReadConnection,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async runDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const due = await this.db.queryPrimary<{ event_id: string; tenant_id: string }>(
      `select event_id, tenant_id from events
        where (status = 'scheduled' and start_date <= ?::timestamptz) or (status = 'open' and end_date <= ?::timestamptz)`,
      [now, now],
    );
    let changed = 0;
    for (const row of due) {
      try {
        const metadata = commandMetadata({ tenantId: row.tenant_id, actorId: null, clientIp: null });
        const result = await this.commands.execute(new ChangeContestStatusCommand({ contestId: row.event_id, to: 'due' }, metadata));
        if (result.changed) changed++;
      } catch (error) {
        this.logger.error(`Could not apply the schedule of event ${row.event_id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return changed;
  }
}
