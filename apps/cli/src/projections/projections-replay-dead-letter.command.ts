import { DeadLetterService } from '@tally/eventstore';
import { CliCommand, writeLine } from '../cli-command';

export const projectionsReplayDeadLetterCommand: CliCommand = {
  name: 'projections:replay-dead-letter',
  arguments: '<id>',
  minArgs: 1,
  description: 'Applies one parked event again (after the projection or the data was fixed) and marks it replayed.',
  async run({ app, args, options, io }) {
    const outcome = await app.get(DeadLetterService).replay(args[0]);
    if (options.json) writeLine(io.out, JSON.stringify(outcome));
    else if (outcome.status === 'already-replayed') writeLine(io.out, `Parked event ${outcome.deadLetter.id} was already replayed.`);
    else writeLine(io.out, `Replayed ${outcome.deadLetter.eventType} ${outcome.deadLetter.eventId} into ${outcome.deadLetter.consumer}.`);
  },
};
