import { EVENT_STORE, EventStore, RecordedEvent } from '@tally/eventstore';
import { CliCommand, writeLine } from '../cli-command';

const PAGE = 500;

export const streamReplayCommand: CliCommand = {
  name: 'stream:replay',
  arguments: '<streamId>',
  minArgs: 1,
  description: "Prints a stream's events in order with their metadata, for auditors (--json: one JSON object per line).",
  options: { from: { type: 'string', description: 'first revision to print (default 0)' } },
  async run({ app, args, options, io }) {
    const store = app.get<EventStore>(EVENT_STORE);
    const streamId = args[0];
    let from = options.from === undefined ? 0 : Number(options.from);
    if (!Number.isInteger(from) || from < 0) throw new Error('--from must be a revision (a whole number ≥ 0)');
    let printed = 0;
    for (;;) {
      const page = await store.readStream(streamId, { fromRevision: from, maxCount: PAGE });
      for (const event of page) writeLine(io.out, options.json ? JSON.stringify(event) : describe(event));
      printed += page.length;
      if (page.length < PAGE) break;
      from = page[page.length - 1].revision + 1;
    }
    if (!options.json) writeLine(io.err, `${printed} event(s) in ${streamId}.`);
  },
};

function describe(event: RecordedEvent): string {
  const { tenantId, actorId, correlationId, causationId } = event.metadata;
  return [
    `#${event.revision} ${event.type} v${event.schemaVersion}  ${event.createdAt.toISOString()}  id ${event.id}  position ${event.position}`,
    `   tenant ${tenantId}  actor ${actorId ?? '-'}  correlation ${correlationId}  causation ${causationId ?? '-'}`,
    `   ${JSON.stringify(event.data)}`,
  ].join('\n');
}
