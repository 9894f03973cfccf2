import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth, RequestContext, RequestCtx, Roles, tenantIdOf } from '@tally/platform';
import { TenancyError } from '../../tenancy.errors';
import { ModerationQueuePageResponse } from './moderation-item.response.dto';
import { ModerationQueueReader } from './moderation-queue.reader';
import { ModerationQueueRequest } from './moderation-queue.request.dto';

@ApiTags('moderation')
@ApiTenantAuth()
@Controller('api/moderation/queue')
export class ListModerationQueueHttpController {
  constructor(private readonly reader: ModerationQueueReader) {}

  /**
   * Organizers see their own tenant's items (to follow their submissions), moderators their own
   * tenant's (to review them); platform admins every tenant's, or one's.
   */
  @Get()
  @Roles('organizer', 'moderator')
  @ApiOperation({ summary: 'The moderation queue: branding, contestant content and contestant names, with filters and a cursor' })
  @ApiOkResponse({ type: ModerationQueuePageResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  list(@Query() filters: ModerationQueueRequest, @RequestCtx() ctx: RequestContext): Promise<ModerationQueuePageResponse> {
    return this.reader.list(scope(ctx, filters.tenantId), filters);
  }
}

function scope(ctx: RequestContext, requested: string | undefined): string | null {
  if (ctx.actor?.roles.includes('platform_admin')) return requested ?? null;
  const own = tenantIdOf(ctx);
  if (requested !== undefined && requested !== own) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant ${requested}`);
  return own;
}
