import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContentReviewDecision } from './review-contestant-content.decide';

export interface ContentReviewResult {
  submissionId: string;
  status: 'approved' | 'rejected';
}

export class ReviewContestantContentCommand extends TallyCommand<ContentReviewResult> {
  constructor(
    readonly ids: { contestId: string; contestantId: string; submissionId: string },
    readonly decision: ContentReviewDecision,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
