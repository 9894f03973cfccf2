import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, WithoutEntityManager } from '@tally/platform';
import type { FastifyReply } from 'fastify';
import { CastVoteResponse } from '../../domain/voter.state';
import { actorOf, metadataOf } from '../../http/request-metadata';
import { VotingError } from '../../voting.errors';
import { CastVoteCommand } from './cast-vote.command';
import { CastVoteRequest } from './cast-vote.request.dto';
import { CastVoteRequestPipe } from './cast-vote.request.parser';

@ApiTags('votes')
@ApiBearerAuth()
@Controller('api/votes')
export class CastVoteHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @WithoutEntityManager()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1–255 characters; a retry with the same key and body replays the first response' })
  async cast(
    @Body(CastVoteRequestPipe) body: CastVoteRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @RequestCtx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CastVoteResponse> {
    if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 1 || idempotencyKey.length > 255) {
      throw new VotingError('VOTING.IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header of 1 to 255 characters', {
        errors: [{ field: 'Idempotency-Key', message: 'is required (1-255 characters)' }],
      });
    }
    const actor = actorOf(ctx);
    const phoneVerified = (actor as { phoneVerified?: boolean }).phoneVerified;
    const result = await this.commands.execute(
      new CastVoteCommand(
        { userId: actor.userId, contestantId: body.contestantId, amount: body.amount, eventId: body.eventId, idempotencyKey, phoneVerified },
        metadataOf(ctx),
      ),
    );
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.response;
  }
}
