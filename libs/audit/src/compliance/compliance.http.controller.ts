import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { FastifyReply } from 'fastify';
import { tenantScope } from '../queries/tenant-scope';
import { reportCsv } from './contest-report';
import { reportPdf } from './report-pdf';
import { ComplianceReporter, IssuedReport } from './compliance-reporter';
import { COMPLIANCE_REPORT_CONTENT, ComplianceReportResponse } from './compliance-report.response.dto';

const FORMATS = ['json', 'csv', 'pdf'] as const;
type ReportFormat = (typeof FORMATS)[number];

export class ReportFormatRequest {
  @ApiPropertyOptional({ enum: FORMATS, description: 'Without it, the Accept header chooses (application/pdf, text/csv), else JSON.' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;
}

/** `format` wins; else the first of application/pdf or text/csv the Accept header names; else JSON. */
function formatOf(query: ReportFormatRequest, accept: string | undefined): ReportFormat {
  if (query.format) return query.format;
  const types = (accept ?? '').split(',').map((type) => type.split(';')[0].trim().toLowerCase());
  const named = types.find((type) => type === 'application/pdf' || type === 'text/csv' || type === 'application/json');
  return named === 'application/pdf' ? 'pdf' : named === 'text/csv' ? 'csv' : 'json';
}

@ApiTags('compliance')
@ApiExtraModels(ComplianceReportResponse)
@ApiTenantAuth()
@Controller('api/admin/compliance')
export class ComplianceHttpController {
  constructor(private readonly reporter: ComplianceReporter) {}

  @Get('contests/:contestId/report')
  @Roles('organizer', 'auditor')
  @ApiOperation({
    summary: "A contest's compliance report: votes by status reconciled with the tally, fraud decisions, payments, the log's signed head and chain anchors",
    description: 'Kept in compliance_reports with its SHA-256. `format=csv` for a spreadsheet, `format=pdf` (or Accept: application/pdf) for a document.',
  })
  @ApiOkResponse({ description: 'The issued report, or the report alone as CSV (`format=csv`) or PDF (`format=pdf`).', content: COMPLIANCE_REPORT_CONTENT })
  @ApiProblem(404, "No such contest in the caller's tenant.")
  @ApiProblems(400, 422)
  async contest(
    @Param('contestId', new ParseUUIDPipe()) contestId: string,
    @Query() query: ReportFormatRequest,
    @Headers('accept') accept: string | undefined,
    @RequestCtx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedReport<object> | string | Buffer> {
    const issued = await this.reporter.contest(tenantScope(ctx, undefined), contestId, ctx.actor?.userId ?? null);
    return this.render(issued, formatOf(query, accept), reply);
  }

  @Get('tenants/:tenantId/report')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: "A tenant's compliance report: GDPR requests handled, admin acts" })
  @ApiOkResponse({ description: 'The issued report, or the report alone as CSV (`format=csv`) or PDF (`format=pdf`).', content: COMPLIANCE_REPORT_CONTENT })
  @ApiProblem(404, "Not the caller's tenant.")
  @ApiProblems(400, 422)
  async tenant(
    @Param('tenantId', new ParseUUIDPipe()) tenantId: string,
    @Query() query: ReportFormatRequest,
    @Headers('accept') accept: string | undefined,
    @RequestCtx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedReport<object> | string | Buffer> {
    tenantScope(ctx, tenantId);
    return this.render(await this.reporter.tenant(tenantId, ctx.actor?.userId ?? null), formatOf(query, accept), reply);
  }

  private async render(issued: IssuedReport<object>, format: ReportFormat, reply: FastifyReply): Promise<IssuedReport<object> | string | Buffer> {
    if (format === 'json') return issued;
    void reply.header('X-Report-Id', issued.reportId).header('X-Report-Sha256', issued.sha256);
    if (format === 'csv') {
      void reply.header('Content-Type', 'text/csv; charset=utf-8');
      return reportCsv(issued.report);
    }
    void reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="compliance-report-${issued.reportId}.pdf"`);
    return reportPdf(issued);
  }
}
