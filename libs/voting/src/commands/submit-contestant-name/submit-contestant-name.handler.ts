import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { contestantContentDecider, contestantContentStream } from '../../domain/contestant-content';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { TenantNamePolicy } from '../../moderation/tenant-name-policy';
import { ContentSubmissionResult } from '../submit-contestant-content/submit-contestant-content.command';
import { SubmitContestantNameCommand } from './submit-contestant-name.command';
import { decideSubmitContestantName } from './submit-contestant-name.decide';

@CommandHandler(SubmitContestantNameCommand)
export class SubmitContestantNameHandler implements ICommandHandler<SubmitContestantNameCommand, ContentSubmissionResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly namePolicy: TenantNamePolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ contestId, contestantId, name, byReviewer, metadata }: SubmitContestantNameCommand): Promise<ContentSubmissionResult> {
    const submissionId = uuidv7();
    const [{ state: contest }, policy] = await Promise.all([this.runner.load(contestDecider, contestStream(metadata.tenantId, contestId)), this.namePolicy.of(metadata.tenantId)]);
    await this.runner.run(
      {
        decider: contestantContentDecider,
        streamId: contestantContentStream(metadata.tenantId, contestantId),
        decide: () => decideSubmitContestantName(contest, contestantId, name, policy, { submissionId, byReviewer }, this.clock.now()),
      },
      metadata,
    );
    return { submissionId, status: byReviewer ? 'approved' : 'pending' };
  }
}
