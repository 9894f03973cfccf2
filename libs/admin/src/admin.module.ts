import { Module } from '@nestjs/common';
import { RevenueReader } from '@tally/payments';
import { VoteStatsReader } from '@tally/voting';
import { AnalyticsHttpController } from './queries/analytics/analytics.http.controller';
import { DashboardHttpController } from './queries/dashboard/dashboard.http.controller';
import { AdminVotesHttpController } from './queries/votes/admin-votes.http.controller';
import './admin.errors';

/**
 * Staff screens over the other contexts' read models, through their exported readers: the
 * dashboard, the vote audit log and analytics. Tenant-scoped; platform admins see every tenant.
 */
@Module({
  controllers: [DashboardHttpController, AdminVotesHttpController, AnalyticsHttpController],
  providers: [VoteStatsReader, RevenueReader],
})
export class AdminModule {}
