import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestMetadata } from '@tally/platform';
import type { FastifyReply } from 'fastify';
import { CompletePasswordResetCommand, RequestPasswordResetCommand } from './request-reset.command';
import { ResetPasswordRequest } from './reset-password.request.dto';

@ApiTags('auth')
@Controller('api/auth/password')
export class ResetPasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** `{ email }` → 202 always; `{ token, newPassword }` → 204 and every session of the user revoked. */
  @Post('reset')
  @Public()
  @ApiOperation({ summary: 'Start or complete a password reset', description: '`{ email }` starts a reset (202, whether or not the address is known); `{ token, newPassword }` completes it (204).' })
  @ApiAcceptedResponse({ description: 'Reset started: an email is on its way if the address is registered.' })
  @ApiNoContentResponse({ description: 'Password changed; every session of the user is revoked.' })
  @ApiProblem(422, 'Invalid or expired reset token, or a refused new password.')
  @ApiProblems(400)
  async reset(@Body() body: ResetPasswordRequest, @RequestMetadata() metadata: CommandMetadata, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (body.token !== undefined) {
      await this.commands.execute(new CompletePasswordResetCommand(body.token, body.newPassword ?? '', metadata));
      void reply.status(204);
      return;
    }
    await this.commands.execute(new RequestPasswordResetCommand(body.email ?? '', metadata));
    void reply.status(202);
  }
}
