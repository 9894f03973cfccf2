import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx } from '@tally/platform';
import { selfMetadataOf } from '../../http/request-metadata';
import { VerifyPhoneCommand } from './verify-phone.command';
import { VerifyPhoneRequest } from './verify-phone.request.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth/phone')
export class VerifyPhoneHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('verify')
  @HttpCode(200)
  verify(@Body() body: VerifyPhoneRequest, @RequestCtx() ctx: RequestContext): Promise<{ phoneVerified: true }> {
    const { actor, metadata } = selfMetadataOf(ctx);
    return this.commands.execute(new VerifyPhoneCommand(actor.userId, body.phone, body.code, metadata));
  }
}
