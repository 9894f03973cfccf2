import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CommandRunner, ReadPosition, ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, CachedResponse, CdnCached, Public, Roles, surrogateKeys, TenantId } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { LeaderboardReader, LeaderboardView, SnapshotView } from './leaderboard.reader';
import { LeaderboardRecalculator } from './leaderboard.recalculator';
import { LeaderboardResponse } from './leaderboard.response.dto';
import { RefreshLeaderboardResponse } from './refresh-leaderboard.response.dto';
import { SnapshotListResponse } from './snapshot-list.response.dto';
import { SnapshotResponse } from './snapshot.response.dto';

export class LeaderboardQueryRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "The event; defaults to the tenant's open event.", example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

export class RefreshLeaderboardRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  @IsUUID()
  eventId!: string;
}

/** A leaderboard changes with every vote: a short life in caches, purged by key on change (docs/cdn.md). */
const LEADERBOARD_CACHE = CdnCached({
  scope: 'public',
  maxAge: 2,
  sMaxAge: 5,
  staleWhileRevalidate: 30,
  surrogateKeys: ({ tenantId, body }: CachedResponse) => {
    const eventId = (body as { eventId?: string } | null)?.eventId;
    return [...(tenantId ? [surrogateKeys.tenant(tenantId)] : []), ...(eventId ? [surrogateKeys.contest(eventId), surrogateKeys.leaderboard(eventId)] : [])];
  },
});

/** Leaderboards are public within their tenant; the refresh is the organizer's. */
@ApiTags('leaderboard')
@ApiTenantAuth()
@Controller('api/leaderboard')
export class LeaderboardHttpController {
  constructor(
    private readonly reader: LeaderboardReader,
    private readonly recalculator: LeaderboardRecalculator,
    private readonly runner: CommandRunner,
  ) {}

  @Get()
  @Public()
  @LEADERBOARD_CACHE
  @ReadsProjections('voting-leaderboard')
  @ApiOperation({ summary: "Leaderboard of an event (by default the tenant's open one)" })
  @ApiOkResponse({ type: LeaderboardResponse })
  @ApiProblem(404, 'No such event, or no open event when none is named.')
  @ApiProblems(422)
  async current(@Query() query: LeaderboardQueryRequest, @TenantId() tenantId: string, @ReadPosition() position: string | null): Promise<LeaderboardView> {
    return this.reader.forContest(tenantId, query.eventId ?? (await this.reader.openContestOf(tenantId)), position !== null);
  }

  @Get('event/:eventId')
  @Public()
  @LEADERBOARD_CACHE
  @ReadsProjections('voting-leaderboard')
  @ApiOperation({ summary: 'Leaderboard of an event' })
  @ApiOkResponse({
    type: LeaderboardResponse,
    example: {
      eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
      asOf: '2025-03-01T20:15:00.120Z',
      items: [
        { rank: 1, contestantId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60', name: 'Amara Okafor', votes: 1520, change: 1 },
        { rank: 2, contestantId: '0190a6f4-6c7d-7e8f-9a0b-1c2d3e4f5a6b', name: 'Leo Brandt', votes: 1310, change: -1 },
        { rank: 2, contestantId: '0190a6f4-7d8e-7f90-8a1b-2c3d4e5f6a7b', name: 'Mei Tanaka', votes: 1310, change: 0 },
        { rank: 4, contestantId: '0190a6f4-8e9f-7a0b-9c1d-2e3f4a5b6c7d', name: 'Sofia Reyes', votes: 980, change: 0 },
      ],
    },
  })
  @ApiProblem(404, 'No such event.')
  @ApiProblems(400)
  forEvent(@Param('eventId', ParseUUIDPipe) eventId: string, @TenantId() tenantId: string, @ReadPosition() position: string | null): Promise<LeaderboardView> {
    return this.reader.forContest(tenantId, eventId, position !== null);
  }

  @Get('event/:eventId/snapshots')
  @Public()
  @ApiOperation({ summary: 'Saved leaderboard snapshots of an event' })
  @ApiOkResponse({ type: SnapshotListResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblems(400)
  snapshots(@Param('eventId', ParseUUIDPipe) eventId: string, @TenantId() tenantId: string): Promise<{ items: SnapshotView[] }> {
    return this.reader.snapshotsOf(tenantId, eventId);
  }

  @Get('snapshot/:snapshotId')
  @Public()
  @ApiOperation({ summary: 'One leaderboard snapshot' })
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiProblem(404, 'No such snapshot.')
  @ApiProblems(400)
  snapshot(@Param('snapshotId', ParseUUIDPipe) snapshotId: string, @TenantId() tenantId: string): Promise<SnapshotView> {
    return this.reader.snapshot(tenantId, snapshotId);
  }

  @Post('refresh')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({ summary: "Recalculate an event's leaderboard now" })
  @ApiAcceptedResponse({ type: RefreshLeaderboardResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblems(400, 422)
  async refresh(@Body() body: RefreshLeaderboardRequest, @TenantId() tenantId: string): Promise<{ eventId: string; status: 'accepted' }> {
    const { state } = await this.runner.load(contestDecider, contestStream(tenantId, body.eventId));
    if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
    await this.recalculator.recalculateContest(tenantId, body.eventId);
    this.reader.invalidate(tenantId, body.eventId);
    return { eventId: body.eventId, status: 'accepted' };
  }
}
