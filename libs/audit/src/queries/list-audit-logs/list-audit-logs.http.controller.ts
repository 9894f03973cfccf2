import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { tenantScope } from '../tenant-scope';
import { AuditLogPageResponse } from './audit-log.response.dto';
import { AuditLogsReader } from './audit-logs.reader';
import { AuditLogsRequest } from './audit-logs.request.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/audit-logs')
export class ListAuditLogsHttpController {
  constructor(private readonly reader: AuditLogsReader) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({
    summary: 'The audit trail: every event, who caused it, with before/after for settings',
    description: 'A projection of the whole event log (audit.trail): it trails the write by the projection lag.',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  list(@Query() filters: AuditLogsRequest, @RequestCtx() ctx: RequestContext): Promise<AuditLogPageResponse> {
    return this.reader.list(tenantScope(ctx, filters.tenantId), filters);
  }
}
