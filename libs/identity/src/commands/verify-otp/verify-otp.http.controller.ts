import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { TokenPairResponse } from '../../http/token-pair.response.dto';
import { PhoneVerifiedResponse } from '../verify-phone/phone-verified.response.dto';
import { ResetTokenResponse } from './reset-token.response.dto';
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
  @ApiOperation({ summary: 'Check a one-time code' })
  @ApiExtraModels(TokenPairResponse, PhoneVerifiedResponse, ResetTokenResponse)
  @ApiOkResponse({
    description: 'By purpose: login → a token pair; phone_verify → `{ phoneVerified: true }`; password_reset → a reset token.',
    schema: { oneOf: [TokenPairResponse, PhoneVerifiedResponse, ResetTokenResponse].map((model) => ({ $ref: getSchemaPath(model) })) },
  })
  @ApiProblem(401, 'Wrong or expired code (or phone_verify without a valid access token).')
  @ApiProblem(429, 'Too many wrong codes; retry after Retry-After seconds.')
  @ApiProblems(400, 409, 422)
  verify(@Body() body: VerifyOtpRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<VerifyOtpResult> {
    return this.commands.execute(new VerifyOtpCommand(body.purpose, body.code, { phone: body.phone, email: body.email }, ctx.actor?.userId ?? null, metadata));
  }
}
