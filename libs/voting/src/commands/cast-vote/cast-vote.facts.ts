import { Inject, Injectable } from '@nestjs/common';
import { CommandMetadata, CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { ContestDirectory } from '../../contest-directory';
import { contestDecider, initialContestState } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { VOTE_SCREENING, VoteScreening } from '../../screening/vote-screening.port';
import { VOTER_VERIFICATION, VoterVerification } from '../../screening/voter-verification.port';
import { CastVoteInput } from './cast-vote.command';
import { CastVoteFacts } from './cast-vote.decide';

/**
 * Gathers what the vote decision needs besides the voter's stream: the contest (its stream,
 * cached by revision; an empty state when the contestant is unknown), the screening verdict and,
 * only for events that require it, whether the phone is verified. Awaits only real promises.
 */
@Injectable()
export class CastVoteFactsGatherer {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: ContestDirectory,
    @Inject(VOTE_SCREENING) private readonly screening: VoteScreening,
    @Inject(VOTER_VERIFICATION) private readonly verification: VoterVerification,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async gather(input: CastVoteInput, metadata: CommandMetadata): Promise<{ input: CastVoteInput; facts: CastVoteFacts }> {
    const { tenantId } = metadata;
    const found = input.eventId ?? this.directory.find(tenantId, input.contestantId);
    const contestId = found instanceof Promise ? await found : found;
    const contest = contestId ? (await this.runner.load(contestDecider, contestStream(tenantId, contestId))).state : initialContestState();
    const screened = this.screening.screen({
      tenantId,
      userId: input.userId,
      contestId: contest.contestId,
      contestantId: input.contestantId,
      amount: input.amount,
      clientIp: metadata.clientIp,
    });
    const verdict = screened instanceof Promise ? await screened : screened;
    const checked = contest.settings.requireVerifiedPhone
      ? { ...input, phoneVerified: await this.verification.isPhoneVerified(tenantId, input.userId, input.phoneVerified) }
      : input;
    return { input: checked, facts: { tenantId, voteId: uuidv7(), now: this.clock.now(), contest, verdict } };
  }
}
