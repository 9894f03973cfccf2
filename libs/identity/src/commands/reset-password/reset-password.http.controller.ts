import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import type { FastifyReply } from 'fastify';
import { metadataOf } from '../../http/request-metadata';
import { CompletePasswordResetCommand, RequestPasswordResetCommand } from './request-reset.command';
import { ResetPasswordRequest } from './reset-password.request.dto';

@ApiTags('auth')
@Controller('api/auth/password')
export class ResetPasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** `{ email }` → 202 always; `{ token, newPassword }` → 204 and every session of the user revoked. */
  @Post('reset')
  @Public()
  async reset(@Body() body: ResetPasswordRequest, @RequestCtx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const metadata = metadataOf(ctx);
    if (body.token !== undefined) {
      await this.commands.execute(new CompletePasswordResetCommand(body.token, body.newPassword ?? '', metadata));
      void reply.status(204);
      return;
    }
    await this.commands.execute(new RequestPasswordResetCommand(body.email ?? '', metadata));
    void reply.status(202);
  }
}
