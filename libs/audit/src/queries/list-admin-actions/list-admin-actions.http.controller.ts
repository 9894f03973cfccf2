import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { tenantScope } from '../tenant-scope';
import { AdminActionPageResponse } from './admin-action.response.dto';
import { AdminActionsReader } from './admin-actions.reader';
import { AdminActionsRequest } from './admin-actions.request.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/actions')
export class ListAdminActionsHttpController {
  constructor(private readonly reader: AdminActionsReader) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'Every admin act: who, what, target, when', description: 'Built from the audit trail; its before/after is in GET /api/admin/audit-logs under the same id.' })
  @ApiOkResponse({ type: AdminActionPageResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  list(@Query() filters: AdminActionsRequest, @RequestCtx() ctx: RequestContext): Promise<AdminActionPageResponse> {
    return this.reader.list(tenantScope(ctx, filters.tenantId), filters);
  }
}
