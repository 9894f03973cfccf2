import { INestApplicationContext } from '@nestjs/common';
import { AnalyticsExportReset } from '../reactors/analytics-export/analytics-export-reset';

// Shaped like apps/cli's CliCommand (libraries never import apps) and listed in apps/cli/src/commands.ts.
export const analyticsResetCommand = {
  name: 'analytics:reset',
  description: 'Rebuilds the analytics export from zero: its checkpoint goes back to the start of the log (the sink dedupes by event id).',
  async run({ app, io }: { app: INestApplicationContext; io: { out: NodeJS.WritableStream } }): Promise<number> {
    const { previousPosition, parkedDropped } = await app.get(AnalyticsExportReset).reset();
    io.out.write(`analytics.export starts again from the beginning of the log (was at ${previousPosition ?? 'the start'}; ${parkedDropped} parked events dropped, they are sent again).\n`);
    return 0;
  },
};
