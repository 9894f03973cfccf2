import { Module } from '@nestjs/common';
import { DisputeCasesReader } from '@tally/disputes';
import { ENV, Env } from '@tally/platform';
import { RevenueReader } from '@tally/payments';
import { TenancyModule } from '@tally/tenancy';
import { VoteStatsReader } from '@tally/voting';
import { ComplianceHttpController } from './compliance/compliance.http.controller';
import { ComplianceReporter } from './compliance/compliance-reporter';
import { AccessLogRecorder } from './access-log/access-log.recorder';
import { AUDIT_CONFIG, loadAuditConfig } from './audit.config';
import { AuditTrailProjection } from './projections/audit-log/audit-trail.projection';
import { UsageFactsProjection } from './projections/usage-facts/usage-facts.projection';
import { AdminActionsReader } from './queries/list-admin-actions/admin-actions.reader';
import { ListAdminActionsHttpController } from './queries/list-admin-actions/list-admin-actions.http.controller';
import { AuditLogsReader } from './queries/list-audit-logs/audit-logs.reader';
import { ListAuditLogsHttpController } from './queries/list-audit-logs/list-audit-logs.http.controller';
import { TenantUsageHttpController } from './usage/tenant-usage.http.controller';
import { TenantUsageJob } from './usage/tenant-usage.job';
import { AuditArchiveJob } from './archival/audit-archive.job';
import { ExportSubjectDataHandler } from './gdpr/commands/export-subject-data/export-subject-data.handler';
import { ExportSubjectDataHttpController } from './gdpr/commands/export-subject-data/export-subject-data.http.controller';
import { SubjectDataGatherer } from './gdpr/commands/export-subject-data/subject-data.gatherer';
import { RestoreArchiveHttpController } from './archival/restore-archive.http.controller';
import './audit.errors';

/**
 * Audit: the audit trail of every event (`audit_logs`, `admin_actions`), and the access log of
 * every request (`access_logs`, written in batches off the request path; apps/api registers the
 * hook with registerAccessLog).
 */
@Module({
  imports: [TenancyModule],
  controllers: [ListAuditLogsHttpController, ListAdminActionsHttpController, TenantUsageHttpController, ComplianceHttpController, RestoreArchiveHttpController, ExportSubjectDataHttpController],
  providers: [
    { provide: AUDIT_CONFIG, inject: [ENV], useFactory: (env: Env) => loadAuditConfig(env) },
    AccessLogRecorder,
    AuditTrailProjection,
    UsageFactsProjection,
    AuditLogsReader,
    AdminActionsReader,
    TenantUsageJob,
    ComplianceReporter,
    AuditArchiveJob,
    VoteStatsReader,
    RevenueReader,
    DisputeCasesReader,
    SubjectDataGatherer,
    ExportSubjectDataHandler,
  ],
  exports: [AccessLogRecorder, ComplianceReporter],
})
export class AuditModule {}
