import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, TenantId } from '@tally/platform';
import { AnchoringError } from '../anchoring.errors';
import { LogProofs } from './log-proofs';
import { VoteReceipt } from './receipt';
import { VoteReceiptResponse } from './receipt.response.dto';

/** A vote's receipt: its voter, organizers and auditors (like GET /api/votes/{voteId}). */
@ApiTags('votes')
@ApiTenantAuth()
@Controller('api/votes')
export class ReceiptsHttpController {
  constructor(private readonly proofs: LogProofs) {}

  @Get(':voteId/receipt')
  @ApiOperation({ summary: "A vote's receipt: its leaf in the event's Merkle log, an inclusion proof and the latest signed tree head" })
  @ApiOkResponse({ type: VoteReceiptResponse })
  @ApiProblem(404, "No such vote (also someone else's, for a voter), or not in a signed head yet.")
  @ApiProblems(400)
  receipt(@Param('voteId', ParseUUIDPipe) voteId: string, @RequestCtx() ctx: RequestContext, @TenantId() tenantId: string): Promise<VoteReceipt> {
    const actor = ctx.actor;
    if (!actor) throw new AnchoringError('ANCHORING.NOT_ALLOWED', 'Sign in first');
    const seesAll = actor.roles.some((role) => role === 'platform_admin' || role === 'organizer' || role === 'auditor');
    return this.proofs.receipt(tenantId, voteId, (voterId) => seesAll || voterId === actor.userId);
  }
}
