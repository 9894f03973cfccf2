import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { contestantContentDecider, contestantContentStream } from '../../domain/contestant-content';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { TenantBannedTerms } from '../../moderation/tenant-banned-terms';
import { ContentSubmissionResult, SubmitContestantContentCommand } from './submit-contestant-content.command';
import { decideSubmitContestantContent } from './submit-contestant-content.decide';

@CommandHandler(SubmitContestantContentCommand)
export class SubmitContestantContentHandler implements ICommandHandler<SubmitContestantContentCommand, ContentSubmissionResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly bannedTerms: TenantBannedTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ contestId, contestantId, content, byReviewer, metadata }: SubmitContestantContentCommand): Promise<ContentSubmissionResult> {
    const submissionId = uuidv7();
    const [{ state: contest }, bannedTerms] = await Promise.all([this.runner.load(contestDecider, contestStream(metadata.tenantId, contestId)), this.bannedTerms.of(metadata.tenantId)]);
    await this.runner.run(
      {
        decider: contestantContentDecider,
        streamId: contestantContentStream(metadata.tenantId, contestantId),
        decide: () => decideSubmitContestantContent(contest, contestantId, content, bannedTerms, { submissionId, byReviewer }, this.clock.now()),
      },
      metadata,
    );
    return { submissionId, status: byReviewer ? 'approved' : 'pending' };
  }
}
