import { Module } from '@nestjs/common';
import { TenancyModule } from '@tally/tenancy';
import Redis from 'ioredis';
import { ENV, Env, PHONE_VERIFICATION, PhoneVerificationLookup, REDIS, REDIS_REPLICA } from '@tally/platform';
import { AddCategoryHandler } from './commands/add-category/add-category.handler';
import { AddCategoryHttpController } from './commands/add-category/add-category.http.controller';
import { AddContestantHandler } from './commands/add-contestant/add-contestant.handler';
import { AddContestantHttpController } from './commands/add-contestant/add-contestant.http.controller';
import { ReviewContestantContentHandler } from './commands/review-contestant-content/review-contestant-content.handler';
import { ReviewContestantContentHttpController } from './commands/review-contestant-content/review-contestant-content.http.controller';
import { SubmitContestantContentHandler } from './commands/submit-contestant-content/submit-contestant-content.handler';
import { SubmitContestantContentHttpController } from './commands/submit-contestant-content/submit-contestant-content.http.controller';
import { SubmitContestantNameHandler } from './commands/submit-contestant-name/submit-contestant-name.handler';
import { SubmitContestantNameHttpController } from './commands/submit-contestant-name/submit-contestant-name.http.controller';
import { ContestantNamesProjection } from './projections/contestant-names/contestant-names.projection';
import { TenantBannedTerms } from './moderation/tenant-banned-terms';
import { TenantNamePolicy } from './moderation/tenant-name-policy';
import { PublicContestantsReader } from './queries/get-contest/public-contestants.reader';
import { ContestantContentProjection } from './projections/contestant-content/contestant-content.projection';
import { CastVoteFactsGatherer } from './commands/cast-vote/cast-vote.facts';
import { CastVoteHandler } from './commands/cast-vote/cast-vote.handler';
import { CastVoteHttpController } from './commands/cast-vote/cast-vote.http.controller';
import { ChangeContestStatusHandler } from './commands/change-contest-status/change-contest-status.handler';
import { ChangeContestStatusHttpController } from './commands/change-contest-status/change-contest-status.http.controller';
import { CreateContestHandler } from './commands/create-contest/create-contest.handler';
import { CreateContestHttpController } from './commands/create-contest/create-contest.http.controller';
import { EditContestHandler } from './commands/edit-contest/edit-contest.handler';
import { EditContestHttpController } from './commands/edit-contest/edit-contest.http.controller';
import { GrantCreditsHandler } from './commands/grant-credits/grant-credits.handler';
import { GrantCreditsHttpController } from './commands/grant-credits/grant-credits.http.controller';
import { HoldVoteForReviewHandler } from './commands/hold-vote-for-review/hold-vote-for-review.handler';
import { RefundVoteHandler } from './commands/refund-vote/refund-vote.handler';
import { RejectHeldVoteHandler } from './commands/reject-held-vote/reject-held-vote.handler';
import { ReleaseHeldVoteHandler } from './commands/release-held-vote/release-held-vote.handler';
import { RevokeCreditsHandler } from './commands/revoke-credits/revoke-credits.handler';
import { VoidVoteForFraudHandler } from './commands/void-vote-for-fraud/void-vote-for-fraud.handler';
import { ContestDirectory } from './contest-directory';
import { DemoSeeder } from './cli/demo-seeder';
import { ContestScheduler } from './jobs/contest-scheduler';
import { ContestScheduleJob } from './jobs/contest-schedule.job';
import { LeaderboardRecalcJob } from './jobs/leaderboard-recalc.job';
import { ContestsProjection } from './projections/contests/contests.projection';
import { LeaderboardProjection } from './projections/leaderboard/leaderboard.projection';
import { VotesProjection } from './projections/votes/votes.projection';
import { ContestViewCacheReactor } from './queries/get-contest/contest-view-cache.reactor';
import { GetContestHandler } from './queries/get-contest/get-contest.query';
import { GetContestHttpController } from './queries/get-contest/get-contest.http.controller';
import { LeaderboardHttpController } from './queries/leaderboard/leaderboard.http.controller';
import { LeaderboardReader } from './queries/leaderboard/leaderboard.reader';
import { GetLeaderboardHandler } from './queries/leaderboard/get-leaderboard.query';
import { LeaderboardRecalculator } from './queries/leaderboard/leaderboard.recalculator';
import { VerifyVoteHandler } from './queries/votes/verify-vote.query';
import { GetVoteHandler, ListLedgerHandler, ListUserVotesHandler } from './queries/votes/votes.queries';
import { VotesHttpController } from './queries/votes/votes.http.controller';
import { VoteQueueHttpController } from './queries/vote-queue/vote-queue.http.controller';
import { InMemoryRankingStore } from './ranking/memory-ranking.store';
import { RANKING_STORE, RankingStore } from './ranking/ranking-store.port';
import { RedisRankingStore } from './ranking/redis-ranking.store';
import { ReadConnection } from './read-models/read-connection';
import { AllowAllScreening, EXTERNAL_VOTE_SCREENING, VOTE_SCREENING, VoteScreening } from './screening/vote-screening.port';
import { IdentityPhoneVerification, TokenClaimVerification, VOTER_VERIFICATION, VoterVerification } from './screening/voter-verification.port';
import { loadVotingConfig, VOTING_CONFIG, VotingConfig } from './voting.config';

/**
 * Contests, the voter ledger, votes and leaderboards. The projections live here too (the
 * runner only runs them where ROLE allows): in the embedded mode the leaderboard projection and
 * the API must share one in-process ranking store.
 */
@Module({
  // TenantDirectory: the tenant's bannedTerms for contestant names and content, and how it moderates names.
  imports: [TenancyModule],
  controllers: [
    CreateContestHttpController,
    EditContestHttpController,
    AddCategoryHttpController,
    AddContestantHttpController,
    SubmitContestantContentHttpController,
    SubmitContestantNameHttpController,
    ReviewContestantContentHttpController,
    ChangeContestStatusHttpController,
    GetContestHttpController,
    CastVoteHttpController,
    VotesHttpController,
    GrantCreditsHttpController,
    LeaderboardHttpController,
    VoteQueueHttpController,
  ],
  providers: [
    { provide: VOTING_CONFIG, inject: [ENV], useFactory: (env: Env) => loadVotingConfig(env) },
    {
      provide: RANKING_STORE,
      inject: [REDIS, REDIS_REPLICA, VOTING_CONFIG],
      useFactory: (redis: Redis | null, replica: Redis | null, config: VotingConfig): RankingStore => (redis ? new RedisRankingStore(redis, config.redisPrefix, replica) : new InMemoryRankingStore()),
    },
    {
      provide: VOTE_SCREENING,
      inject: [{ token: EXTERNAL_VOTE_SCREENING, optional: true }],
      useFactory: (external?: VoteScreening | null): VoteScreening => external ?? new AllowAllScreening(),
    },
    {
      provide: VOTER_VERIFICATION,
      inject: [{ token: PHONE_VERIFICATION, optional: true }],
      useFactory: (lookup?: PhoneVerificationLookup): VoterVerification => (lookup ? new IdentityPhoneVerification(lookup) : new TokenClaimVerification()),
    },
    ReadConnection,
    ContestDirectory,
    CreateContestHandler,
    EditContestHandler,
    AddCategoryHandler,
    AddContestantHandler,
    SubmitContestantContentHandler,
    SubmitContestantNameHandler,
    TenantBannedTerms,
    TenantNamePolicy,
    ReviewContestantContentHandler,
    ChangeContestStatusHandler,
    CastVoteFactsGatherer,
    CastVoteHandler,
    RefundVoteHandler,
    ReleaseHeldVoteHandler,
    RejectHeldVoteHandler,
    HoldVoteForReviewHandler,
    VoidVoteForFraudHandler,
    GrantCreditsHandler,
    RevokeCreditsHandler,
    GetContestHandler,
    ContestViewCacheReactor,
    PublicContestantsReader,
    GetVoteHandler,
    ListUserVotesHandler,
    ListLedgerHandler,
    VerifyVoteHandler,
    LeaderboardReader,
    GetLeaderboardHandler,
    LeaderboardRecalculator,
    ContestScheduler,
    LeaderboardRecalcJob,
    ContestScheduleJob,
    ContestsProjection,
    VotesProjection,
    LeaderboardProjection,
    ContestantContentProjection,
    ContestantNamesProjection,
    DemoSeeder,
  ],
  exports: [LeaderboardRecalculator, ContestScheduler, DemoSeeder, RANKING_STORE, VOTE_SCREENING, VOTER_VERIFICATION],
})
export class VotingModule {}
