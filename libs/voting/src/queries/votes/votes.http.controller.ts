import { Body, Controller, Delete, Get, HttpCode, Inject, Optional, Param, ParseUUIDPipe, Post, Query as QueryParam } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsUUID, ValidateIf } from 'class-validator';
import { CommandRunner, EVENT_STORE, EventStore, ReadsProjections, RecordedEvent, StreamNotFoundError } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, PageRequest, RequestContext, RequestCtx, RequestMetadata, TenantId } from '@tally/platform';
import { RefundVoteCommand, RefundVoteResult } from '../../commands/refund-vote/refund-vote.command';
import { RefundVoteResponse } from '../../commands/refund-vote/refund-vote.response.dto';
import { actorOf, hasAnyRole } from '../../http/caller-access';
import { VotingError } from '../../voting.errors';
import { VerifyVoteQuery, VerifyVoteResult } from './verify-vote.query';
import { VOTE_RECEIPT_VERIFIER, VoteReceiptVerifier } from './receipt-verifier.port';
import { GetVoteQuery, LedgerEntryView, ListLedgerQuery, ListUserVotesQuery, Page } from './votes.queries';
import { LedgerPageResponse } from './ledger-page.response.dto';
import { VerifyVoteResponse } from './verify-vote.response.dto';
import { VotePageResponse } from './vote-page.response.dto';
import { VoteResponse } from './vote.response.dto';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { withOwnUnprojectedEntries } from './own-ledger.view';
import { ownVoteView, withOwnUnprojectedVotes } from './own-vote.view';
import { VoteDbRow, VoteView, voteView } from './vote.view';

export class VerifyVoteRequest {
  @ApiPropertyOptional({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b', description: 'The vote to check against the event log (give this or `receipt`).' })
  @ValidateIf((body: VerifyVoteRequest) => body.receipt === undefined)
  @IsUUID()
  voteId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A receipt from GET /api/votes/{voteId}/receipt: its inclusion proof and signed tree head are checked (answer: `{ valid, checks, problems }`).' })
  @ValidateIf((body: VerifyVoteRequest) => body.voteId === undefined)
  @IsObject()
  receipt?: object;
}

/** Reads and refunds of votes. A voter sees their own; organizers and auditors see all of the tenant's. */
@ApiTags('votes')
@ApiTenantAuth()
@Controller('api/votes')
export class VotesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(VOTE_RECEIPT_VERIFIER) private readonly receipts?: VoteReceiptVerifier,
  ) {}

  @Get('ledger')
  @ReadsProjections('voting-votes')
  @ApiOperation({ summary: 'My credit and vote ledger' })
  @ApiOkResponse({ type: LedgerPageResponse })
  @ApiProblem(422, 'A bad cursor or limit.')
  async ledger(@QueryParam() page: PageRequest, @RequestCtx() ctx: RequestContext, @TenantId() tenantId: string): Promise<Page<LedgerEntryView>> {
    const userId = actorOf(ctx).userId;
    const limit = page.limit ?? 50;
    const found: Page<LedgerEntryView> = await this.queries.execute(new ListLedgerQuery(tenantId, userId, page.cursor, limit));
    if (page.cursor !== undefined) return found;
    // The newest entries may not be in the read model yet: the voter stream has them (read-your-writes with no position).
    return withOwnUnprojectedEntries(found, await this.newestVoterEvents(tenantId, userId, limit), limit);
  }

  private async newestVoterEvents(tenantId: string, userId: string, limit: number): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(voterStream(tenantId, userId), { direction: 'backwards', fromRevision: 'end', maxCount: limit });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  @Get('user/:userId')
  @ReadsProjections('voting-votes')
  @ApiOperation({ summary: "A voter's votes (their own; organizers and auditors: anyone's)" })
  @ApiOkResponse({ type: VotePageResponse })
  @ApiProblem(403, "Another voter's votes, without the organizer or auditor role.")
  @ApiProblem(404, 'No such user in this tenant.')
  @ApiProblem(422, 'A bad cursor or limit.')
  @ApiProblems(400)
  async list(@Param('userId') userId: string, @QueryParam() page: PageRequest, @RequestCtx() ctx: RequestContext, @TenantId() tenantId: string): Promise<Page<VoteView>> {
    const actor = actorOf(ctx);
    if (actor.userId !== userId && !hasAnyRole(actor, ['organizer', 'auditor'])) throw new VotingError('VOTING.NOT_ALLOWED', 'Only your own votes');
    const limit = page.limit ?? 50;
    const found: Page<VoteView> = await this.queries.execute(new ListUserVotesQuery(tenantId, userId, page.cursor, limit));
    // The caller's own newest votes may not be in the read model yet: their voter stream has them (read-your-writes with no position).
    if (actor.userId !== userId || page.cursor !== undefined) return found;
    const { state } = await this.runner.load(voterDecider, voterStream(tenantId, userId));
    return withOwnUnprojectedVotes(found, state, tenantId, userId, limit);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify a vote against the event log, or a vote receipt against its signed Merkle tree head' })
  @ApiOkResponse({ type: VerifyVoteResponse })
  @ApiProblem(404, 'No such vote.')
  @ApiProblems(400, 422)
  verify(@Body() body: VerifyVoteRequest, @TenantId() tenantId: string): Promise<VerifyVoteResult | { valid: boolean }> {
    if (body.voteId !== undefined) return this.queries.execute(new VerifyVoteQuery(tenantId, body.voteId));
    if (!this.receipts) throw new VotingError('VOTING.INVALID_INPUT', 'Receipts cannot be checked here', { errors: [{ field: 'receipt', message: 'not supported' }] });
    return this.receipts.verify(tenantId, body.receipt!);
  }

  @Get(':voteId')
  @ReadsProjections('voting-votes')
  @ApiOperation({ summary: 'One vote (its voter, organizers and auditors)' })
  @ApiOkResponse({ type: VoteResponse })
  @ApiProblem(404, "No such vote (also someone else's, for a voter).")
  @ApiProblems(400)
  async get(@Param('voteId', ParseUUIDPipe) voteId: string, @RequestCtx() ctx: RequestContext, @TenantId() tenantId: string): Promise<VoteView> {
    const actor = actorOf(ctx);
    let row: VoteDbRow;
    try {
      row = await this.queries.execute(new GetVoteQuery(tenantId, voteId));
    } catch (error) {
      if (!(error instanceof VotingError && error.code === 'VOTING.VOTE_NOT_FOUND')) throw error;
      // Not in the read model yet: the caller's own vote is in their voter stream (read-your-writes with no position).
      const { state } = await this.runner.load(voterDecider, voterStream(tenantId, actor.userId));
      const own = ownVoteView(state, tenantId, actor.userId, voteId);
      if (own) return own;
      throw error;
    }
    // Someone else's vote is "not found" rather than "forbidden": ids are not an oracle.
    if (row.user_id !== actor.userId && !hasAnyRole(actor, ['organizer', 'auditor'])) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    return voteView(row);
  }

  /** The voter refunds their own vote; an organizer may refund anyone's (found through the read model). */
  @Delete(':voteId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refund a vote: credits return, the leaderboard drops it' })
  @ApiOkResponse({ type: RefundVoteResponse })
  @ApiProblem(404, 'No such vote.')
  @ApiProblem(409, 'The vote can no longer be refunded (past the refund deadline, or already refunded).')
  @ApiProblems(400)
  async refund(@Param('voteId', ParseUUIDPipe) voteId: string, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<RefundVoteResult> {
    const actor = actorOf(ctx);
    try {
      return await this.commands.execute(new RefundVoteCommand({ voteId, userId: actor.userId, by: 'voter' }, metadata));
    } catch (error) {
      if (!(error instanceof VotingError && error.code === 'VOTING.VOTE_NOT_FOUND') || !hasAnyRole(actor, ['organizer'])) throw error;
    }
    const row = await this.queries.execute(new GetVoteQuery(metadata.tenantId, voteId));
    return this.commands.execute(new RefundVoteCommand({ voteId, userId: row.user_id, by: 'organizer' }, metadata));
  }
}
