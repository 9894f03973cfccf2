import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { FastifyReply } from 'fastify';
import { tenantScope } from '../queries/tenant-scope';
import { reportCsv } from './contest-report';
import { ComplianceReporter, IssuedReport } from './compliance-reporter';
import { COMPLIANCE_REPORT_CONTENT, ComplianceReportResponse } from './compliance-report.response.dto';

export class ReportFormatRequest {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

@ApiTags('compliance')
@ApiExtraModels(ComplianceReportResponse)
@ApiTenantAuth()
@Controller('api/admin/compliance')
export class ComplianceHttpController {
  constructor(private readonly reporter: ComplianceReporter) {}

  @Get('contests/:contestId/report')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: "A contest's compliance report: votes by status reconciled with the tally, fraud decisions, payments", description: 'Kept in compliance_reports with its SHA-256. `format=csv` for a spreadsheet.' })
  @ApiOkResponse({ description: 'The issued report, or the report alone as CSV with `format=csv`.', content: COMPLIANCE_REPORT_CONTENT })
  @ApiProblem(404, "No such contest in the caller's tenant.")
  @ApiProblems(400, 422)
  async contest(
    @Param('contestId', new ParseUUIDPipe()) contestId: string,
    @Query() query: ReportFormatRequest,
    @RequestCtx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedReport<object> | string> {
    const issued = await this.reporter.contest(tenantScope(ctx, undefined), contestId, ctx.actor?.userId ?? null);
    return this.render(issued, query.format, reply);
  }

  @Get('tenants/:tenantId/report')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: "A tenant's compliance report: GDPR requests handled, admin acts" })
  @ApiOkResponse({ description: 'The issued report, or the report alone as CSV with `format=csv`.', content: COMPLIANCE_REPORT_CONTENT })
  @ApiProblem(404, "Not the caller's tenant.")
  @ApiProblems(400, 422)
  async tenant(
    @Param('tenantId', new ParseUUIDPipe()) tenantId: string,
    @Query() query: ReportFormatRequest,
    @RequestCtx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedReport<object> | string> {
    tenantScope(ctx, tenantId);
    return this.render(await this.reporter.tenant(tenantId, ctx.actor?.userId ?? null), query.format, reply);
  }

  private render(issued: IssuedReport<object>, format: 'json' | 'csv' | undefined, reply: FastifyReply): IssuedReport<object> | string {
    if (format !== 'csv') return issued;
    void reply.header('Content-Type', 'text/csv; charset=utf-8').header('X-Report-Id', issued.reportId).header('X-Report-Sha256', issued.sha256);
    return reportCsv(issued.report);
  }
}
