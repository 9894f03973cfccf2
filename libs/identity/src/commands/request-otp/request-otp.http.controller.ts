import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { RequestOtpCommand } from './request-otp.command';
import { RequestOtpRequest } from './request-otp.request.dto';

@ApiTags('auth')
@Controller('api/auth/otp')
export class RequestOtpHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202: the code is sent asynchronously (or not at all, for an unknown address). phone_verify needs a bearer token. */
  @Post('request')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a one-time code by SMS or email' })
  @ApiAcceptedResponse({ description: 'Accepted; the code is sent asynchronously (never to an unknown address, which answers the same).' })
  @ApiProblem(401, 'purpose phone_verify without a valid access token.')
  @ApiProblem(429, 'Too many codes requested for this destination; retry after Retry-After seconds.')
  @ApiProblems(400, 422)
  async request(@Body() body: RequestOtpRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<void> {
    await this.commands.execute(new RequestOtpCommand(body.channel, body.purpose, { phone: body.phone, email: body.email }, ctx.actor?.userId ?? null, metadata));
  }
}
