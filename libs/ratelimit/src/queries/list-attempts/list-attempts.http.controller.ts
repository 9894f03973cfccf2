import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { AttemptPageResponse } from './attempt.response.dto';
import { AttemptsReader } from './attempts.reader';
import { AttemptsRequest } from './attempts.request.dto';

@ApiTags('ratelimit')
@ApiTenantAuth()
@Controller('api/ratelimit/attempts')
export class ListAttemptsHttpController {
  constructor(private readonly attempts: AttemptsReader) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({
    summary: 'Refused requests of this tenant',
    description: 'Every request a rule or a block refused, newest first. Refusals are written in batches off the request path, so the newest second may not show yet.',
  })
  @ApiOkResponse({ type: AttemptPageResponse })
  @ApiProblem(422, 'A bad filter, cursor or limit.')
  list(@Query() filters: AttemptsRequest, @TenantId() tenantId: string): Promise<AttemptPageResponse> {
    return this.attempts.list(tenantId, filters);
  }
}
