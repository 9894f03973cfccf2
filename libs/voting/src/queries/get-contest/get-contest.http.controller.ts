import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadPosition } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, CdnCached, TenantId } from '@tally/platform';
import { ContestResponse } from './contest.response.dto';
import { ContestView, GetContestQuery } from './get-contest.query';

@ApiTags('events')
@ApiTenantAuth()
@Controller('api/events')
export class GetContestHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Any signed-in user: voters need the contestants to vote for. */
  @Get(':eventId')
  // Signed-in only, so no shared cache; the ETag still saves the body on an unchanged page.
  @CdnCached({ scope: 'private', maxAge: 0 })
  @ApiOperation({ summary: 'An event with its categories and contestants' })
  @ApiOkResponse({ type: ContestResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblems(400)
  get(@Param('eventId', ParseUUIDPipe) eventId: string, @TenantId() tenantId: string, @ReadPosition() position: string | null): Promise<ContestView> {
    return this.queries.execute(new GetContestQuery(tenantId, eventId, position !== null));
  }
}
