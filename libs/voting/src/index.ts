// The only import surface of the voting context.
export * from './voting.errors';
export * from './voting.schema';
export type { ContestEvent, ContestStatus, ContestSettings, CategoryRules } from './domain/contest.events';
export { CONTEST_CATEGORY, CONTEST_EVENT_TYPES } from './domain/contest.events';
export type {
  VoterEvent,
  CreditSource,
  VoteCast,
  VoteRefunded,
  VoteVoided,
  VoidReason,
  CreditsGranted,
  CreditsRevoked,
  HeldVoteReleased,
  HeldVoteRejected,
  VoteHeldForReview,
} from './domain/voter.events';
export { VOTER_CATEGORY, VOTER_EVENT_TYPES, WITHOUT_SCREENING } from './domain/voter.events';
export { voterStream, contestStream } from './domain/voting.streams';
export { CREDIT_OPERATIONS } from './domain/credit-operation-ids';
export { voteHash } from './domain/vote-hash';
// The leaderboard's ranking rule (ties share a rank, the next skips; equal counts by name), for other rankings to rank alike.
export { competitionRank, byNameThenId } from './domain/competition-rank';
export * from './commands/grant-credits/grant-credits.command';
export * from './commands/revoke-credits/revoke-credits.command';
export * from './commands/cast-vote/cast-vote.command';
export * from './commands/create-contest/create-contest.command';
export * from './commands/add-contestant/add-contestant.command';
export * from './commands/add-category/add-category.command';
export * from './commands/change-contest-status/change-contest-status.command';
export * from './commands/refund-vote/refund-vote.command';
export * from './commands/release-held-vote/release-held-vote.command';
export * from './commands/reject-held-vote/reject-held-vote.command';
export * from './commands/hold-vote-for-review/hold-vote-for-review.command';
export * from './commands/void-vote-for-fraud/void-vote-for-fraud.command';
export { VOTE_SCREENING, EXTERNAL_VOTE_SCREENING, AllowAllScreening } from './screening/vote-screening.port';
export type { VoteScreening, VoteScreeningInput, ScreeningVerdict, ScreeningOutcome, ScreeningRecord, ScreeningFactor } from './screening/vote-screening.port';
export { VotingModule } from './voting.module';
export { DemoSeeder } from './cli/demo-seeder';
export type { DemoSeedOptions, DemoSeedResult } from './cli/demo-seeder';
export { GetContestQuery } from './queries/get-contest/get-contest.query';
export type { ContestView } from './queries/get-contest/get-contest.query';
export { LeaderboardRecalculator } from './queries/leaderboard/leaderboard.recalculator';
export { ContestScheduler } from './jobs/contest-scheduler';
export { RANKING_STORE } from './ranking/ranking-store.port';
export { RANKING_EXTENSION } from './ranking/ranking-extension.port';
export type { RankingExtension } from './ranking/ranking-extension.port';
export { GetLeaderboardQuery } from './queries/leaderboard/get-leaderboard.query';
export type { LeaderboardView, LeaderboardItem, SnapshotView } from './queries/leaderboard/leaderboard.reader';
export type { RankingStore, RankingEntry, RankingUpdate } from './ranking/ranking-store.port';
export { VOTER_VERIFICATION } from './screening/voter-verification.port';
export type { VoterVerification } from './screening/voter-verification.port';
export { ContestsProjection } from './projections/contests/contests.projection';
export { VotesProjection } from './projections/votes/votes.projection';
export { LeaderboardProjection } from './projections/leaderboard/leaderboard.projection';
export { seedDemoCommand } from './cli/seed-demo.command';
export { SUBSCRIPTION_QUOTAS, NO_SUBSCRIPTION_QUOTA, NoSubscriptionQuotas } from './quota/subscription-quota.port';
export type { SubscriptionQuota, SubscriptionQuotas, GuardedSubscriptionQuota, VoteQuotaUse } from './quota/subscription-quota.port';
export { VOTE_QUEUE } from './queries/vote-queue/vote-queue';
export { VOTE_RECEIPT_VERIFIER } from './queries/votes/receipt-verifier.port';
export type { VoteReceiptVerifier } from './queries/votes/receipt-verifier.port';
// Staff reads (vote audit log, dashboard and analytics figures) over the votes read model.
export { VoteStatsReader } from './queries/vote-stats/vote-stats.reader';
export type { VoteAuditFilters, VoteAuditRow, VoteTotals, ContestTotal, ContestLedger, BucketTotal } from './queries/vote-stats/vote-stats.reader';
