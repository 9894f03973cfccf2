import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { tenantScope } from '@tally/audit';
import { ApiProblem, ApiTenantAuth, isUuid, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { VoteStatsReader } from '@tally/voting';
import { AdminError } from '../../admin.errors';
import { AdminVotePageResponse, AdminVotesRequest } from './admin-votes.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/votes')
export class AdminVotesHttpController {
  constructor(private readonly votes: VoteStatsReader) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'The vote audit log: every vote with its status, channel and content hash', description: 'Newest first, paged by vote id.' })
  @ApiOkResponse({ type: AdminVotePageResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  list(@Query() query: AdminVotesRequest, @RequestCtx() ctx: RequestContext): Promise<AdminVotePageResponse> {
    if (query.cursor !== undefined && !isUuid(query.cursor)) throw new AdminError('ADMIN.INVALID_INPUT', 'cursor: cursor is not valid', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
    return this.votes.auditLog(tenantScope(ctx, query.tenantId), { ...query, limit: query.limit ?? 50 });
  }
}
