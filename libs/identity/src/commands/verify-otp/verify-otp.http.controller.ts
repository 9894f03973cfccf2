import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { VerifyOtpCommand, VerifyOtpResult } from './verify-otp.command';
import { VerifyOtpRequest } from './verify-otp.request.dto';

@ApiTags('auth')
@Controller('api/auth/otp')
export class VerifyOtpHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 200: `login` answers a token pair, `password_reset` a reset token, `phone_verify` (bearer) `{ phoneVerified: true }`. */
  @Post('verify')
  @Public()
  @HttpCode(200)
  verify(@Body() body: VerifyOtpRequest, @RequestCtx() ctx: RequestContext): Promise<VerifyOtpResult> {
    return this.commands.execute(new VerifyOtpCommand(body.purpose, body.code, { phone: body.phone, email: body.email }, ctx.actor?.userId ?? null, metadataOf(ctx)));
  }
}
