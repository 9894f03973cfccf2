import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { ContestDirectory } from '../../contest-directory';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { TenantNamePolicy } from '../../moderation/tenant-name-policy';
import { AddContestantCommand, AddContestantResult } from './add-contestant.command';
import { decideAddContestant } from './add-contestant.decide';

@CommandHandler(AddContestantCommand)
export class AddContestantHandler implements ICommandHandler<AddContestantCommand, AddContestantResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: ContestDirectory,
    private readonly namePolicy: TenantNamePolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: AddContestantCommand): Promise<AddContestantResult> {
    const contestantId = uuidv7();
    const now = this.clock.now();
    const policy = await this.namePolicy.of(metadata.tenantId);
    const outcome = await this.runner.run(
      { decider: contestDecider, streamId: contestStream(metadata.tenantId, input.contestId), decide: (state) => decideAddContestant(input, contestantId, state, policy, now) },
      metadata,
    );
    this.directory.remember(metadata.tenantId, contestantId, input.contestId);
    return { contestantId, slug: outcome.state.contestants.get(contestantId)!.slug };
  }
}
