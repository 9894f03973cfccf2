import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { ScoringReader, ScoringReportView } from '../scoring.reader';
import { ScoringReportResponse } from './scoring-report.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class ScoringReportHttpController {
  constructor(private readonly reader: ScoringReader) {}

  @Get(':eventId/report')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'The scoring report of an event once revealed: per contestant, phase and score type, the adjustments with their reasons, and the blend' })
  @ApiOkResponse({ type: ScoringReportResponse })
  @ApiProblem(404, 'No such event, or it has no jury scoring.')
  @ApiProblem(409, 'The jury scores are not revealed yet.')
  @ApiProblems(400)
  report(@EventIdPath() eventId: string, @TenantId() tenantId: string): Promise<ScoringReportView> {
    return this.reader.report(tenantId, eventId);
  }
}
