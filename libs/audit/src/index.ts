// The only import surface of the audit context.
export { AuditModule } from './audit.module';
export { auditSchema } from './audit.schema';
export { AccessLogRecorder, type AccessLine } from './access-log/access-log.recorder';
export { registerAccessLog } from './access-log/access-log.hook';
export { maskIp } from './domain/ip-mask';
export { AuditTrailProjection } from './projections/audit-log/audit-trail.projection';
export { TenantUsageJob } from './usage/tenant-usage.job';
export { tenantScope } from './queries/tenant-scope';
export { ComplianceReporter } from './compliance/compliance-reporter';
export { contestReportCommand, tenantReportCommand } from './compliance/report.command';
export { AuditArchiveJob, type ArchiveManifest, type ArchiveRestore } from './archival/audit-archive.job';
export { auditRestoreCommand } from './archival/restore-archive.command';
