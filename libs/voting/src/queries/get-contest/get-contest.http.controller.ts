import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx } from '@tally/platform';
import { tenantOf } from '../../http/request-metadata';
import { ContestView, GetContestQuery } from './get-contest.query';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class GetContestHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Any signed-in user: voters need the contestants to vote for. */
  @Get(':eventId')
  get(@Param('eventId', ParseUUIDPipe) eventId: string, @RequestCtx() ctx: RequestContext): Promise<ContestView> {
    return this.queries.execute(new GetContestQuery(tenantOf(ctx), eventId));
  }
}
