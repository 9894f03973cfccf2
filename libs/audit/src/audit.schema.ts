import { ContextSchema } from '@tally/platform';
import { Migration20261204150000_audit_init } from './migrations/Migration20261204150000_audit_init';
import { Migration20261204161000_audit_tenant_usage } from './migrations/Migration20261204161000_audit_tenant_usage';
import { Migration20261204163000_audit_compliance_reports } from './migrations/Migration20261204163000_audit_compliance_reports';
import { Migration20261204220000_audit_usage_billing } from './migrations/Migration20261204220000_audit_usage_billing';

/** The audit tables are written with SQL only (a projection and a batch recorder), so no entities. */
export const auditSchema: ContextSchema = {
  entities: [],
  migrations: [
    { name: 'Migration20261204150000_audit_init', class: Migration20261204150000_audit_init },
    { name: 'Migration20261204161000_audit_tenant_usage', class: Migration20261204161000_audit_tenant_usage },
    { name: 'Migration20261204163000_audit_compliance_reports', class: Migration20261204163000_audit_compliance_reports },
    { name: 'Migration20261204220000_audit_usage_billing', class: Migration20261204220000_audit_usage_billing },
  ],
};
