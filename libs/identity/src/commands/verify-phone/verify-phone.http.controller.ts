import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth } from '@tally/platform';
import { RequestContext, RequestCtx } from '@tally/platform';
import { selfMetadataOf } from '../../http/self-metadata';
import { VerifyPhoneCommand } from './verify-phone.command';
import { PhoneVerifiedResponse } from './phone-verified.response.dto';
import { VerifyPhoneRequest } from './verify-phone.request.dto';

@ApiTags('auth')
@ApiTenantAuth()
@Controller('api/auth/phone')
export class VerifyPhoneHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify my phone with the SMS code' })
  @ApiOkResponse({ type: PhoneVerifiedResponse })
  @ApiProblem(401, 'Wrong or expired code.')
  @ApiProblem(409, 'The number is already verified by another account.')
  @ApiProblem(429, 'Too many wrong codes; retry after Retry-After seconds.')
  @ApiProblems(400, 422)
  verify(@Body() body: VerifyPhoneRequest, @RequestCtx() ctx: RequestContext): Promise<{ phoneVerified: true }> {
    const { actor, metadata } = selfMetadataOf(ctx);
    return this.commands.execute(new VerifyPhoneCommand(actor.userId, body.phone, body.code, metadata));
  }
}
