import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { AddCategoryCommand } from './add-category.command';
import { decideAddCategory } from './add-category.decide';

@CommandHandler(AddCategoryCommand)
export class AddCategoryHandler implements ICommandHandler<AddCategoryCommand, { categoryId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: AddCategoryCommand): Promise<{ categoryId: string }> {
    const categoryId = uuidv7();
    const now = this.clock.now();
    await this.runner.run(
      { decider: contestDecider, streamId: contestStream(metadata.tenantId, input.contestId), decide: (state) => decideAddCategory(input, categoryId, state, now) },
      metadata,
    );
    return { categoryId };
  }
}
