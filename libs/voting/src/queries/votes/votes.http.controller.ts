import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query as QueryParam } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { RequestContext, RequestCtx } from '@tally/platform';
import { RefundVoteCommand, RefundVoteResult } from '../../commands/refund-vote/refund-vote.command';
import { actorOf, hasAnyRole, metadataOf, tenantOf } from '../../http/request-metadata';
import { VotingError } from '../../voting.errors';
import { VerifyVoteQuery, VerifyVoteResult } from './verify-vote.query';
import { GetVoteQuery, LedgerEntryView, ListLedgerQuery, ListUserVotesQuery, Page } from './votes.queries';
import { VoteView, voteView } from './vote.view';

export class PageRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class VerifyVoteRequest {
  @IsUUID()
  voteId!: string;
}

/** Reads and refunds of votes. A voter sees their own; organizers and auditors see all of the tenant's. */
@ApiTags('votes')
@ApiBearerAuth()
@Controller('api/votes')
export class VotesHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('ledger')
  ledger(@QueryParam() page: PageRequest, @RequestCtx() ctx: RequestContext): Promise<Page<LedgerEntryView>> {
    return this.queries.execute(new ListLedgerQuery(tenantOf(ctx), actorOf(ctx).userId, page.cursor, page.limit ?? 50));
  }

  @Get('user/:userId')
  list(@Param('userId') userId: string, @QueryParam() page: PageRequest, @RequestCtx() ctx: RequestContext): Promise<Page<VoteView>> {
    const actor = actorOf(ctx);
    if (actor.userId !== userId && !hasAnyRole(actor, ['organizer', 'auditor'])) throw new VotingError('VOTING.NOT_ALLOWED', 'Only your own votes');
    return this.queries.execute(new ListUserVotesQuery(tenantOf(ctx), userId, page.cursor, page.limit ?? 50));
  }

  @Post('verify')
  @HttpCode(200)
  verify(@Body() body: VerifyVoteRequest, @RequestCtx() ctx: RequestContext): Promise<VerifyVoteResult> {
    return this.queries.execute(new VerifyVoteQuery(tenantOf(ctx), body.voteId));
  }

  @Get(':voteId')
  async get(@Param('voteId', ParseUUIDPipe) voteId: string, @RequestCtx() ctx: RequestContext): Promise<VoteView> {
    const row = await this.queries.execute(new GetVoteQuery(tenantOf(ctx), voteId));
    const actor = actorOf(ctx);
    // Someone else's vote is "not found" rather than "forbidden": ids are not an oracle.
    if (row.user_id !== actor.userId && !hasAnyRole(actor, ['organizer', 'auditor'])) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    return voteView(row);
  }

  /** The voter refunds their own vote; an organizer may refund anyone's (found through the read model). */
  @Delete(':voteId')
  @HttpCode(200)
  async refund(@Param('voteId', ParseUUIDPipe) voteId: string, @RequestCtx() ctx: RequestContext): Promise<RefundVoteResult> {
    const actor = actorOf(ctx);
    const metadata = metadataOf(ctx);
    try {
      return await this.commands.execute(new RefundVoteCommand({ voteId, userId: actor.userId, by: 'voter' }, metadata));
    } catch (error) {
      if (!(error instanceof VotingError && error.code === 'VOTING.VOTE_NOT_FOUND') || !hasAnyRole(actor, ['organizer'])) throw error;
    }
    const row = await this.queries.execute(new GetVoteQuery(metadata.tenantId, voteId));
    return this.commands.execute(new RefundVoteCommand({ voteId, userId: row.user_id, by: 'organizer' }, metadata));
  }
}
