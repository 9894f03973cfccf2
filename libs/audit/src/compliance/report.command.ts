import { writeFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { reportCsv } from './contest-report';
import { ComplianceReporter, IssuedReport } from './compliance-reporter';
import { reportPdf } from './report-pdf';

interface Invocation {
  app: INestApplicationContext;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
}

const options = {
  csv: { type: 'boolean' as const, description: 'CSV instead of JSON' },
  pdf: { type: 'boolean' as const, description: 'PDF instead of JSON (binary: give --out, or redirect stdout)' },
  out: { type: 'string' as const, description: 'Write the report to this file instead of stdout' },
};

/** The report in the format asked for, to --out or stdout; the file's name and SHA-256 go to stderr. */
async function write(issued: IssuedReport<object>, given: Invocation['options'], io: Invocation['io']): Promise<void> {
  const body = given.pdf ? await reportPdf(issued) : given.csv ? reportCsv(issued.report) : `${JSON.stringify(issued, null, 2)}\n`;
  if (typeof given.out === 'string') {
    writeFileSync(given.out, body);
    io.err.write(`Report ${issued.reportId} (sha256 ${issued.sha256}) written to ${given.out}\n`);
  } else {
    io.out.write(body);
  }
}

/** `report:contest <contestId>` for apps/cli: the contest's compliance report (JSON or CSV) on stdout; exit 1 when it does not reconcile. */
export const contestReportCommand = {
  name: 'report:contest',
  arguments: '<contestId>',
  description: "A contest's compliance report: votes by status reconciled with the tally, fraud decisions, payments, signed head and chain anchors (kept in compliance_reports).",
  options,
  minArgs: 1,
  async run({ app, args, options: given, io }: Invocation): Promise<number> {
    const issued = await app.get(ComplianceReporter).contest(null, args[0], null).catch((error: unknown) => {
      io.err.write(`${(error as Error).message}\n`);
      return null;
    });
    if (!issued) return 2;
    await write(issued, given, io);
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
    await write(await app.get(ComplianceReporter).tenant(tenant.id, null), given, io);
    return 0;
  },
};
