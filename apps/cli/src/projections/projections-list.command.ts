import { ProjectionStatus, ProjectionStatusService } from '@tally/eventstore';
import { CliCommand, formatTable, writeLine } from '../cli-command';

export const projectionsListCommand: CliCommand = {
  name: 'projections:list',
  description: 'Every registered projection with its checkpoint, lag (events and seconds behind) and parked events.',
  async run({ app, options, io }) {
    const statuses = await app.get(ProjectionStatusService).statuses();
    if (options.json) {
      writeLine(io.out, JSON.stringify(statuses, null, 2));
      return;
    }
    if (statuses.length === 0) {
      writeLine(io.out, 'No projections are registered.');
      return;
    }
    const rows = statuses.map((status) => [
      status.name,
      `v${status.version}`,
      String(status.eventsProcessed),
      behind(status),
      `${status.secondsBehind.toFixed(1)} s`,
      String(status.parkedEvents),
      status.rebuild ? `rebuilding (${status.rebuild.eventsProcessed} done)` : status.updatedAt === null ? 'never ran' : 'ok',
      status.position ?? '-',
    ]);
    writeLine(io.out, formatTable(['projection', 'version', 'processed', 'behind', 'lag', 'parked', 'state', 'position'], rows));
  },
};

function behind(status: ProjectionStatus): string {
  return `${status.eventsBehind}${status.eventsBehindCapped ? '+' : ''}`;
}
