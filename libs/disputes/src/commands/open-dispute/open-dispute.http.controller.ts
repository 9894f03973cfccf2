import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, requestMetadataOf, uuidv7 } from '@tally/platform';
import { requestedCaseId } from '../../domain/dispute.streams';
import { DisputesError } from '../../disputes.errors';
import { actorOf, isStaff } from '../../http/dispute-access';
import { OpenDisputeCommand, OpenDisputeResult } from './open-dispute.command';
import { OpenDisputeRequest } from './open-dispute.request.dto';
import { OpenDisputeResponse } from './open-dispute.response.dto';

@ApiTags('disputes')
@ApiTenantAuth()
@Controller('api/disputes')
export class OpenDisputeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a dispute: a voter about their own vote or payment, or staff about any in the tenant' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1–255 characters; a retry with the same key and body answers the same case.', example: 'dispute-7f3a9c2e-1' })
  @ApiBody({ type: OpenDisputeRequest, examples: { vote: { summary: 'My vote was not counted', value: { kind: 'vote', voteId: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b', reason: 'vote_not_counted' } } } })
  @ApiCreatedResponse({ type: OpenDisputeResponse })
  @ApiProblem(403, 'A voter named another voter (userId).')
  @ApiProblem(404, "No such vote or payment of this voter in this tenant (another tenant's are not found).")
  @ApiProblem(422, 'A field failed validation, or the Idempotency-Key opened another dispute.')
  @ApiProblems(400)
  open(@Body() body: OpenDisputeRequest, @RequestCtx() ctx: RequestContext, @Headers('idempotency-key') key?: string): Promise<OpenDisputeResult> {
    const actor = actorOf(ctx);
    const metadata = requestMetadataOf(ctx);
    const staff = isStaff(actor);
    if (!staff && body.userId !== undefined && body.userId !== actor.userId) throw new DisputesError('DISPUTES.NOT_ALLOWED', 'A voter opens disputes about their own votes and payments only');
    if (key !== undefined && (key.length < 1 || key.length > 255)) {
      throw new DisputesError('DISPUTES.INVALID_INPUT', 'Idempotency-Key must be 1–255 characters', { errors: [{ field: 'Idempotency-Key', message: 'must be 1–255 characters' }] });
    }
    const caseId = key === undefined ? uuidv7() : requestedCaseId(metadata.tenantId, actor.userId, key);
    const userId = staff ? (body.userId ?? null) : actor.userId;
    return this.commands.execute(
      new OpenDisputeCommand(
        { caseId, kind: body.kind, voteId: body.kind === 'vote' ? (body.voteId ?? null) : null, paymentId: body.kind === 'payment' ? (body.paymentId ?? null) : null, userId, reason: body.reason, openedBy: staff ? 'staff' : 'voter', providerDisputeId: null },
        metadata,
      ),
    );
  }
}
