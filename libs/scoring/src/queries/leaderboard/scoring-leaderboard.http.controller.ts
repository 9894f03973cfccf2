import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblem, ApiProblems, ApiTenantAuth, Public, TenantId } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { ScoringReader } from '../scoring.reader';
import { ScoringLeaderboardResponse } from './scoring-leaderboard.response.dto';

export class ScoringLeaderboardQuery {
  @ApiPropertyOptional({ enum: ['blended', 'jury'], default: 'blended', description: 'The blend of jury and public vote, or the jury alone.' })
  @IsOptional()
  @IsIn(['blended', 'jury'])
  ranking?: 'blended' | 'jury';
}

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class ScoringLeaderboardHttpController {
  constructor(private readonly reader: ScoringReader) {}

  @Get(':eventId/leaderboard')
  @Public()
  @ApiOperation({ summary: 'The blended (jury and public vote) or jury leaderboard of an event, once the jury scores are revealed' })
  @ApiOkResponse({ type: ScoringLeaderboardResponse })
  @ApiProblem(404, 'No such event, or it has no jury scoring.')
  @ApiProblem(409, 'The jury scores are not revealed yet (scores-not-revealed).')
  @ApiProblems(400, 422)
  leaderboard(@EventIdPath() eventId: string, @Query() query: ScoringLeaderboardQuery, @TenantId() tenantId: string): Promise<ScoringLeaderboardResponse> {
    return this.reader.leaderboard(tenantId, eventId, query.ranking ?? 'blended');
  }
}
