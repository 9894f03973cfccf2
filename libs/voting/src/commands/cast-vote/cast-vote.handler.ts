import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { ContestDirectory } from '../../contest-directory';
import { contestDecider, initialContestState } from '../../domain/contest.state';
import { voterDecider } from '../../domain/voter.state';
import { contestStream, voterStream } from '../../domain/voting.streams';
import { VOTE_SCREENING, VoteScreening } from '../../screening/vote-screening.port';
import { VOTER_VERIFICATION, VoterVerification } from '../../screening/voter-verification.port';
import { VotingError } from '../../voting.errors';
import { CastVoteCommand, CastVoteResult } from './cast-vote.command';
import { CastVoteDecision, decideCastVote } from './cast-vote.decide';

/**
 * The hot path: one read of the contest stream's tail (states are cached by revision), one
 * append to the voter stream. A second request with a key that is still being processed by
 * this process gets 409; across processes the voter stream's expected revision makes the
 * loser reload, see the key and replay.
 */
@CommandHandler(CastVoteCommand)
export class CastVoteHandler implements ICommandHandler<CastVoteCommand, CastVoteResult> {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: ContestDirectory,
    @Inject(VOTE_SCREENING) private readonly screening: VoteScreening,
    @Inject(VOTER_VERIFICATION) private readonly verification: VoterVerification,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CastVoteCommand): Promise<CastVoteResult> {
    const { metadata } = command;
    let { input } = command;
    const { tenantId } = metadata;
    const flight = `${tenantId}:${input.userId}:${input.idempotencyKey}`;
    if (this.inFlight.has(flight)) throw new VotingError('VOTING.IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is in progress');
    this.inFlight.add(flight);
    try {
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
      if (contest.settings.requireVerifiedPhone) {
        input = { ...input, phoneVerified: await this.verification.isPhoneVerified(tenantId, input.userId, input.phoneVerified) };
      }
      const facts = { tenantId, voteId: uuidv7(), now: this.clock.now(), contest, verdict };
      const castInput = input;
      let decision: CastVoteDecision | undefined;
      await this.runner.run(
        {
          decider: voterDecider,
          streamId: voterStream(tenantId, input.userId),
          decide: (state) => {
            decision = decideCastVote(castInput, facts, state);
            return decision.kind === 'cast' ? [decision.event] : [];
          },
        },
        metadata,
      );
      if (!decision) throw new Error('The vote decision did not run');
      if (decision.kind === 'replay') return { response: decision.response, replayed: true };
      return { response: responseOf(decision), replayed: false };
    } finally {
      this.inFlight.delete(flight);
    }
  }
}

function responseOf(decision: Extract<CastVoteDecision, { kind: 'cast' }>): CastVoteResult['response'] {
  const d = decision.event.data;
  return { voteId: d.voteId, eventId: d.contestId, contestantId: d.contestantId, amount: d.amount, status: d.status, createdAt: d.castAt, remaining: d.remaining };
}
