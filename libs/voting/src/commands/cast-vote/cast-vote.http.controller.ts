import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ShedsLoad } from '@tally/eventstore';
import { ApiProblem, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, WithoutEntityManager } from '@tally/platform';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../../http/caller-access';
import { VotingError } from '../../voting.errors';
import { CastVoteCommand } from './cast-vote.command';
import { receiptLink } from './cast-vote.receipt-link';
import { CastVoteRequest } from './cast-vote.request.dto';
import { CastVoteResponseDto } from './cast-vote.response.dto';
import { CastVoteRequestPipe } from './cast-vote.request.parser';
import type { CastVoteResponse } from '../../domain/voter.state';

@ApiTags('votes')
@ApiTenantAuth()
@Controller('api/votes')
export class CastVoteHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @WithoutEntityManager()
  @ShedsLoad()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1–255 characters; a retry with the same key and body replays the first response', example: 'vote-7f3a9c2e-1' })
  @ApiHeader({
    name: 'X-Device-Fingerprint',
    required: false,
    description: 'A hash of the client device (e.g. a FingerprintJS visitor id or a SHA-256 of stable device traits), 8–128 letters, digits, `-`, `_`, `:` or `.`; fraud screening counts accounts per device. Ignored when malformed.',
    schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_:.-]{8,128}$' },
    example: 'fp_9b2c1e7d4a3f5e60',
  })
  @ApiOperation({ summary: 'Cast votes for a contestant' })
  @ApiBody({ type: CastVoteRequest, examples: { ten: { summary: 'Ten votes', value: { contestantId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60', amount: 10 } } } })
  @ApiCreatedResponse({
    type: CastVoteResponseDto,
    description: 'Cast. A retry with the same key and body answers the first response again, with `Idempotent-Replayed: true`.',
    headers: {
      'Idempotent-Replayed': { description: 'Present (true) when this is a replay of the first response.', schema: { type: 'string', enum: ['true'] } },
      Link: {
        description:
          'The vote\'s receipt (rel="receipt"): its id is the vote id; GET it with the same token for the Merkle log leaf, inclusion proof and signed tree head (404 receipt-not-found until a signed head covers the vote, usually within a second).',
        schema: { type: 'string', example: '</api/votes/0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b/receipt>; rel="receipt"' },
      },
    },
    example: {
      voteId: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b',
      eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
      contestantId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60',
      amount: 10,
      status: 'accepted',
      createdAt: '2025-03-01T20:15:00.000Z',
      remaining: { credits: 40, quotaToday: 0, capLeft: 90 },
    },
  })
  @ApiProblem(400, 'The body is not a JSON object, or the Idempotency-Key header is missing or not 1–255 characters.')
  @ApiProblem(403, 'Refused by fraud checks (vote-rejected), or the event requires a verified phone.')
  @ApiProblem(404, 'No such event or contestant.')
  @ApiProblem(409, 'A request with this Idempotency-Key is still in flight, or the voter changed concurrently.')
  @ApiProblem(
    422,
    'A field failed validation, or a rule refused the vote: event-not-open, vote-cap-reached, insufficient-credits, quota-exhausted, contestant-not-in-event, amount out of bounds, or the Idempotency-Key was used with another body.',
  )
  async cast(
    @Body(CastVoteRequestPipe) body: CastVoteRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-device-fingerprint') deviceFingerprint: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
    @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata,
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
        { userId: actor.userId, contestantId: body.contestantId, amount: body.amount, eventId: body.eventId, idempotencyKey, phoneVerified, ...screeningHints(deviceFingerprint, userAgent) },
        metadata,
      ),
    );
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    void reply.header('Link', receiptLink(result.response.voteId));
    return result.response;
  }
}

const DEVICE_FINGERPRINT = /^[A-Za-z0-9_:.-]{8,128}$/;

/** Client hints for fraud screening only: a malformed one is dropped rather than refusing the vote (it is the client's claim, never trusted). */
function screeningHints(deviceFingerprint: string | undefined, userAgent: string | undefined): { deviceFingerprint?: string; userAgent?: string } {
  return {
    ...(deviceFingerprint !== undefined && DEVICE_FINGERPRINT.test(deviceFingerprint) ? { deviceFingerprint } : {}),
    ...(userAgent ? { userAgent: userAgent.slice(0, 256) } : {}),
  };
}
