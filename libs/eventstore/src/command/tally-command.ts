import { Command } from '@nestjs/cqrs';
import { CommandMetadata } from './command-metadata';

/** Base of every Tally command: the metadata is a required constructor argument. */
export abstract class TallyCommand<Result> extends Command<Result> {
  protected constructor(readonly metadata: CommandMetadata) {
    super();
  }
}
