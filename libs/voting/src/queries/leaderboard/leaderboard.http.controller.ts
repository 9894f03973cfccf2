import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CommandRunner } from '@tally/eventstore';
import { Public, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { tenantOf } from '../../http/request-metadata';
import { VotingError } from '../../voting.errors';
import { LeaderboardReader, LeaderboardView, SnapshotView } from './leaderboard.reader';
import { LeaderboardRecalculator } from './leaderboard.recalculator';

export class LeaderboardQueryRequest {
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

export class RefreshLeaderboardRequest {
  @IsUUID()
  eventId!: string;
}

/** Leaderboards are public within their tenant; the refresh is the organizer's. */
@ApiTags('leaderboard')
@Controller('api/leaderboard')
export class LeaderboardHttpController {
  constructor(
    private readonly reader: LeaderboardReader,
    private readonly recalculator: LeaderboardRecalculator,
    private readonly runner: CommandRunner,
  ) {}

  @Get()
  @Public()
  async current(@Query() query: LeaderboardQueryRequest, @RequestCtx() ctx: RequestContext): Promise<LeaderboardView> {
    const tenantId = tenantOf(ctx);
    return this.reader.forContest(tenantId, query.eventId ?? (await this.reader.openContestOf(tenantId)));
  }

  @Get('event/:eventId')
  @Public()
  forEvent(@Param('eventId', ParseUUIDPipe) eventId: string, @RequestCtx() ctx: RequestContext): Promise<LeaderboardView> {
    return this.reader.forContest(tenantOf(ctx), eventId);
  }

  @Get('event/:eventId/snapshots')
  @Public()
  snapshots(@Param('eventId', ParseUUIDPipe) eventId: string, @RequestCtx() ctx: RequestContext): Promise<{ items: SnapshotView[] }> {
    return this.reader.snapshotsOf(tenantOf(ctx), eventId);
  }

  @Get('snapshot/:snapshotId')
  @Public()
  snapshot(@Param('snapshotId', ParseUUIDPipe) snapshotId: string, @RequestCtx() ctx: RequestContext): Promise<SnapshotView> {
    return this.reader.snapshot(tenantOf(ctx), snapshotId);
  }

  @Post('refresh')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('organizer')
  async refresh(@Body() body: RefreshLeaderboardRequest, @RequestCtx() ctx: RequestContext): Promise<{ eventId: string; status: 'accepted' }> {
    const tenantId = tenantOf(ctx);
    const { state } = await this.runner.load(contestDecider, contestStream(tenantId, body.eventId));
    if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
    await this.recalculator.recalculateContest(tenantId, body.eventId);
    this.reader.invalidate(tenantId, body.eventId);
    return { eventId: body.eventId, status: 'accepted' };
  }
}
