import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandMetadata, CommandRunner, GuardedState, StreamCondition } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { ContestDirectory } from '../../contest-directory';
import { contestDecider, ContestState, initialContestState } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { GuardedSubscriptionQuota, NoSubscriptionQuotas, SUBSCRIPTION_QUOTAS, SubscriptionQuotas } from '../../quota/subscription-quota.port';
import { ScreeningOutcome, VOTE_SCREENING, VoteScreening } from '../../screening/vote-screening.port';
import { VOTER_VERIFICATION, VoterVerification } from '../../screening/voter-verification.port';
import { CastVoteInput } from './cast-vote.command';
import { CastVoteFacts } from './cast-vote.decide';

export interface GatheredVote {
  input: CastVoteInput;
  facts: CastVoteFacts;
  /** The contest's stream; null when the contestant is unknown. */
  contestStream: string | null;
  /** The contest stream at the revision the facts saw: the vote's append condition (none when unknown or unenforceable). */
  contestCondition: StreamCondition | null;
  /** The contest came from this process's cache: a refusal must be confirmed on a fresh read. */
  contestFromCache: boolean;
  /** The voter's subscription as the quota was read (condition and cache origin); null condition without one. */
  subscription: GuardedSubscriptionQuota;
}

/**
 * Gathers what the vote decision needs besides the voter's stream: the contest, the screening
 * verdict and, only for events that require it, whether the phone is verified. Awaits only real
 * promises.
 *
 * The contest comes from the runner's cache when it has it (no query on the hot path), with the
 * condition that the contest stream is still at that revision when the vote is appended;
 * refreshContest reads it from the store (after a failed condition, or to confirm a refusal). An
 * unknown contestant gives an empty contest state and no condition (its lookup is never cached).
 * The subscription quota comes the same way from the subscriptions context (SUBSCRIPTION_QUOTAS:
 * one map lookup for a voter without a subscription).
 */
@Injectable()
export class CastVoteFactsGatherer {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: ContestDirectory,
    @Inject(VOTE_SCREENING) private readonly screening: VoteScreening,
    @Inject(VOTER_VERIFICATION) private readonly verification: VoterVerification,
    @Inject(CLOCK) private readonly clock: Clock,
    // Provided (globally) by the subscriptions context; without it nobody has a quota.
    @Optional() @Inject(SUBSCRIPTION_QUOTAS) private readonly quotas: SubscriptionQuotas = new NoSubscriptionQuotas(),
  ) {}

  async gather(input: CastVoteInput, metadata: CommandMetadata): Promise<GatheredVote> {
    const { tenantId } = metadata;
    const found = input.eventId ?? this.directory.find(tenantId, input.contestantId);
    const contestId = found instanceof Promise ? await found : found;
    const stream = contestId ? contestStream(tenantId, contestId) : null;
    const read = stream ? this.runner.readGuarded(contestDecider, stream) : unknownContest();
    const guarded = read instanceof Promise ? await read : read;
    const screened = this.screening.screen({
      tenantId,
      userId: input.userId,
      contestId: guarded.state.contestId,
      contestantId: input.contestantId,
      amount: input.amount,
      clientIp: metadata.clientIp,
      deviceFingerprint: input.deviceFingerprint ?? null,
      userAgent: input.userAgent ?? null,
    });
    const outcome = screened instanceof Promise ? await screened : screened;
    const checked = this.phoneChecked(input, tenantId, guarded.state);
    const now = this.clock.now();
    const quota = this.quotas.lookup(tenantId, input.userId, now);
    const subscription = quota instanceof Promise ? await quota : quota;
    return this.complete(checked instanceof Promise ? await checked : checked, tenantId, stream, guarded, outcome, subscription, now);
  }

  /**
   * The same vote with the contest and the subscription read fresh from the store: after one of
   * them moved (a failed condition) or to confirm a refusal decided on a cached one. The screening
   * verdict is kept (its inputs do not depend on their state; the vote is screened once).
   */
  async refresh(requested: CastVoteInput, metadata: CommandMetadata, gathered: GatheredVote): Promise<GatheredVote> {
    const guarded = gathered.contestStream ? await this.runner.readGuarded(contestDecider, gathered.contestStream, { fresh: true }) : unknownContest();
    const checked = await this.phoneChecked(requested, metadata.tenantId, guarded.state);
    const now = this.clock.now();
    const subscription = await this.quotas.lookup(metadata.tenantId, requested.userId, now, { fresh: true });
    return this.complete(checked, metadata.tenantId, gathered.contestStream, guarded, { verdict: gathered.facts.verdict, record: gathered.facts.screening }, subscription, now);
  }

  /** The input with the phone's verified state, asked only of events that require it. */
  private phoneChecked(input: CastVoteInput, tenantId: string, contest: ContestState): CastVoteInput | Promise<CastVoteInput> {
    if (!contest.settings.requireVerifiedPhone) return input;
    const verified = this.verification.isPhoneVerified(tenantId, input.userId, input.phoneVerified);
    return verified instanceof Promise ? verified.then((phoneVerified) => ({ ...input, phoneVerified })) : { ...input, phoneVerified: verified };
  }

  private complete(
    input: CastVoteInput,
    tenantId: string,
    stream: string | null,
    guarded: GuardedState<ContestState>,
    screened: ScreeningOutcome,
    subscription: GuardedSubscriptionQuota,
    now: Date,
  ): GatheredVote {
    const contest = guarded.state;
    return {
      input,
      facts: { tenantId, voteId: uuidv7(), now, contest, verdict: screened.verdict, screening: screened.record, subscription: subscription.quota },
      contestStream: stream,
      contestCondition: guarded.condition,
      contestFromCache: guarded.fromCache,
      subscription,
    };
  }
}

function unknownContest(): GuardedState<ContestState> {
  return { state: initialContestState(), revision: -1, fromCache: false, condition: null };
}
