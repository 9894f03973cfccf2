import { DeadLetterService } from '@tally/eventstore';
import { CliCommand, formatTable, writeLine } from '../cli-command';

export const projectionsDeadLettersCommand: CliCommand = {
  name: 'projections:dead-letters',
  arguments: '[name]',
  description: 'Events a projection parked after its retries, oldest first (of one projection, or all).',
  options: { all: { type: 'boolean', description: 'include those already replayed' } },
  async run({ app, args, options, io }) {
    const letters = await app.get(DeadLetterService).list(args[0], { includeReplayed: Boolean(options.all) });
    if (options.json) {
      writeLine(io.out, JSON.stringify(letters, null, 2));
      return;
    }
    if (letters.length === 0) {
      writeLine(io.out, 'No parked events.');
      return;
    }
    const rows = letters.map((letter) => [
      letter.id,
      letter.consumer,
      letter.eventType,
      `${letter.streamId}@${letter.streamRevision}`,
      String(letter.attempts),
      letter.parkedAt.toISOString(),
      letter.replayedAt ? `replayed ${letter.replayedAt.toISOString()}` : truncate(letter.error, 80),
    ]);
    writeLine(io.out, formatTable(['id', 'projection', 'event type', 'stream@revision', 'attempts', 'parked at', 'error'], rows));
  },
};

function truncate(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
