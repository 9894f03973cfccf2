import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, commandMetadata } from '@tally/platform';
import { NoteContestClosingCommand } from '../commands/note-contest-closing/note-contest-closing.command';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

/**
 * Before an open event's end date (PUSH_CLOSING_SOON_MINUTES), notes it as closing soon; the push
 * reactor tells its voters and followers. Runs every PUSH_CLOSING_SOON_INTERVAL_MS; the notice's
 * stream makes a second run (or a second process) append nothing for the same end date.
 */
@RegisteredJob()
export class ClosingSoonJob implements ScheduledJob {
  readonly name = 'notifications.closing-soon';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.schedule = { everyMs: config.closingSoonIntervalMs };
  }

  async run(): Promise<{ noted: number }> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.closingSoonMinutes * 60_000);
    const due = await this.orm.em
      .getConnection()
      .execute<{ contest_id: string; tenant_id: string; name: string; end_date: Date | string }[]>(
        `select contest_id, tenant_id, name, end_date from notification_contests where status = 'open' and end_date > ? and end_date <= ? order by end_date limit 1000`,
        [now, until],
      );
    let noted = 0;
    for (const row of due) {
      const metadata = commandMetadata({ tenantId: row.tenant_id, actorId: null, clientIp: null });
      const input = { contestId: row.contest_id, name: row.name, endDate: new Date(row.end_date).toISOString() };
      if (await this.commands.execute(new NoteContestClosingCommand(input, metadata))) noted++;
    }
    return { noted };
  }
}
