import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { CategoryRules } from '../../domain/contest.events';

export interface AddCategoryInput {
  contestId: string;
  name: string;
  weight: number;
  rules?: CategoryRules;
}

export class AddCategoryCommand extends TallyCommand<{ categoryId: string }> {
  constructor(
    readonly input: AddCategoryInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
