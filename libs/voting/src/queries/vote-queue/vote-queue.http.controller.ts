import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogQueueView, QueuedEvent } from '@tally/eventstore';
import { ApiProblem, ApiTenantAuth, Roles } from '@tally/platform';
import { VOTE_QUEUE } from './vote-queue';
import { VoteQueueRequest } from './vote-queue.request.dto';
import { VoteQueueEntryDto, VoteQueueResponse } from './vote-queue.response.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/vote-queue')
export class VoteQueueHttpController {
  constructor(private readonly queue: LogQueueView) {}

  @Get()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Votes on their way into the read models: pending, applied, retrying, dead, with the queue depth (platform admin, all tenants)' })
  @ApiOkResponse({ type: VoteQueueResponse })
  @ApiProblem(422, 'A bad status, cursor or limit.')
  async list(@Query() query: VoteQueueRequest): Promise<VoteQueueResponse> {
    const page = await this.queue.page(VOTE_QUEUE, { status: query.status, cursor: query.cursor, limit: query.limit ?? 50 });
    const depth = await this.queue.depth(VOTE_QUEUE);
    return { depth, items: page.items.map(toEntry), nextCursor: page.nextCursor };
  }
}

function toEntry(queued: QueuedEvent): VoteQueueEntryDto {
  const { event } = queued;
  return {
    queueId: event.id,
    voteId: (event.data as { voteId: string }).voteId,
    tenantId: event.metadata.tenantId,
    status: queued.status,
    retryCount: queued.retryCount,
    nextRetryAt: queued.nextRetryAt?.toISOString() ?? null,
    position: event.position,
    createdAt: event.createdAt.toISOString(),
  };
}
