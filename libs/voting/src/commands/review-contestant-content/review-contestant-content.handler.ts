import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestantContentDecider, contestantContentStream } from '../../domain/contestant-content';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { ContentReviewResult, ReviewContestantContentCommand } from './review-contestant-content.command';
import { decideReviewContestantContent } from './review-contestant-content.decide';

@CommandHandler(ReviewContestantContentCommand)
export class ReviewContestantContentHandler implements ICommandHandler<ReviewContestantContentCommand, ContentReviewResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ids, decision, metadata }: ReviewContestantContentCommand): Promise<ContentReviewResult> {
    // The name a contestant was added with is on the contest stream (ContestantAdded is its submission), with its placeholder.
    const { state: contest } = await this.runner.load(contestDecider, contestStream(metadata.tenantId, ids.contestId));
    const added = contest.contestants.get(ids.contestantId);
    await this.runner.run(
      {
        decider: contestantContentDecider,
        streamId: contestantContentStream(metadata.tenantId, ids.contestantId),
        decide: (state) => decideReviewContestantContent(state, ids, decision, this.clock.now(), added),
      },
      metadata,
    );
    return { submissionId: ids.submissionId, status: decision.approve ? 'approved' : 'rejected' };
  }
}
