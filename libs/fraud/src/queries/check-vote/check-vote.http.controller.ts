import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, TenantId } from '@tally/platform';
import { FraudError } from '../../fraud.errors';
import { CheckVoteQuery, CheckVoteResult } from './check-vote.query';
import { CheckVoteRequest } from './check-vote.request.dto';
import { CheckVoteResponse } from './check-vote.response.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/check')
export class CheckVoteHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Score a would-be vote without casting it',
    description:
      'Runs every fraud signal on a vote the user would cast now, recording nothing. A voter checks itself from its own address and gets the score and decision; an organizer or platform admin may name any user of the tenant and an address, and also gets the factors.',
  })
  @ApiBody({ type: CheckVoteRequest, examples: { self: { summary: 'Myself, from here', value: {} }, other: { summary: 'A user from an address (organizer)', value: { userId: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f', clientIp: '81.2.69.160' } } } })
  @ApiOkResponse({ type: CheckVoteResponse })
  @ApiProblem(403, 'A voter named another user or an address.')
  @ApiProblem(404, 'No such user in this tenant.')
  @ApiProblem(422, 'A field failed validation.')
  @ApiProblems(400)
  check(@Body() body: CheckVoteRequest, @TenantId() tenantId: string, @RequestCtx() ctx: RequestContext): Promise<CheckVoteResult> {
    if (!ctx.actor) throw new FraudError('FRAUD.NOT_ALLOWED', 'Sign in first');
    return this.queries.execute(new CheckVoteQuery(tenantId, ctx.actor, ctx.clientIp, body));
  }
}
