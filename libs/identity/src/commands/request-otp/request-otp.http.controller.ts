import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
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
  async request(@Body() body: RequestOtpRequest, @RequestCtx() ctx: RequestContext): Promise<void> {
    await this.commands.execute(new RequestOtpCommand(body.channel, body.purpose, { phone: body.phone, email: body.email }, ctx.actor?.userId ?? null, metadataOf(ctx)));
  }
}
