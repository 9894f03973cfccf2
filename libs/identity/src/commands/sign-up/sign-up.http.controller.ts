import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { SignUpCommand } from './sign-up.command';
import { SignUpRequest } from './sign-up.request.dto';

@ApiTags('auth')
@Controller('api/auth')
export class SignUpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('signup')
  @Public()
  @HttpCode(201)
  signUp(@Body() body: SignUpRequest, @RequestCtx() ctx: RequestContext): Promise<{ userId: string }> {
    return this.commands.execute(new SignUpCommand(body.email, body.password, body.phone ?? null, metadataOf(ctx)));
  }
}
