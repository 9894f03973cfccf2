import { INestApplicationContext } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { reportCsv } from './contest-report';
import { ComplianceReporter } from './compliance-reporter';

interface Invocation {
  app: INestApplicationContext;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
}

const options = { csv: { type: 'boolean' as const, description: 'CSV instead of JSON' } };

/** `report:contest <contestId>` for apps/cli: the contest's compliance report (JSON or CSV) on stdout; exit 1 when it does not reconcile. */
export const contestReportCommand = {
  name: 'report:contest',
  arguments: '<contestId>',
  description: "A contest's compliance report: votes by status reconciled with the tally, fraud decisions, payments (kept in compliance_reports).",
  options,
  minArgs: 1,
  async run({ app, args, options: given, io }: Invocation): Promise<number> {
    const issued = await app.get(ComplianceReporter).contest(null, args[0], null).catch((error: unknown) => {
      io.err.write(`${(error as Error).message}\n`);
      return null;
    });
    if (!issued) return 2;
    io.out.write(given.csv ? reportCsv(issued.report) : `${JSON.stringify(issued, null, 2)}\n`);
    return issued.report.reconciliation.reconciles ? 0 : 1;
  },
};

/** `report:tenant <tenant>` for apps/cli: GDPR requests handled and admin acts of a tenant (slug or id). */
export const tenantReportCommand = {
  name: 'report:tenant',
  arguments: '<tenant>',
  description: "A tenant's compliance report: GDPR requests handled, admin acts (kept in compliance_reports).",
  options,
  minArgs: 1,
  async run({ app, args, options: given, io }: Invocation): Promise<number> {
    const tenant = await app.get(TenantDirectory).resolve(args[0]);
    if (!tenant) {
      io.err.write(`Unknown tenant "${args[0]}".\n`);
      return 2;
    }
    const issued = await app.get(ComplianceReporter).tenant(tenant.id, null);
    io.out.write(given.csv ? reportCsv(issued.report) : `${JSON.stringify(issued, null, 2)}\n`);
    return 0;
  },
};
