import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import { RateLimitStatusResponse } from './status.response.dto';
import { StatusReader } from './status.reader';

@ApiTags('ratelimit')
@Controller('api/ratelimit/status')
export class GetStatusHttpController {
  constructor(private readonly status: StatusReader) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'My rate limit buckets',
    description: 'Every rule that counts the caller in this tenant, with its limit, what remains and when it resets. Anonymous callers see their address\'s buckets; with a token, their own as well. Reading it counts as a request like any other.',
  })
  @ApiOkResponse({ type: RateLimitStatusResponse })
  get(@RequestCtx() ctx: RequestContext): Promise<RateLimitStatusResponse> {
    return this.status.of(ctx);
  }
}
