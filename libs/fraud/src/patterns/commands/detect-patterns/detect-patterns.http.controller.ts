import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, ReadsProjections } from '@tally/eventstore';
import { ApiProblems, ApiTenantAuth, RequestMetadata, Roles } from '@tally/platform';
import { DEFAULT_CLUSTER_RULE } from '../../domain/ip-cluster.detect';
import { DetectPatternsCommand, DetectPatternsResult } from './detect-patterns.command';
import { DetectPatternsRequest } from './detect-patterns.request.dto';
import { DetectPatternsResponse } from './detect-patterns.response.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/pattern')
export class DetectPatternsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Sent with a vote's Tally-Position, it looks at the votes up to that one. */
  @Post('detect')
  @HttpCode(200)
  @Roles('organizer')
  @ReadsProjections('fraud-cases')
  @ApiOperation({ summary: "Run pattern detection over the tenant's recent votes now; findings void or hold their votes within the usual lag" })
  @ApiBody({ type: DetectPatternsRequest, examples: { lastHours: { summary: 'The last two hours of one event', value: { eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', windowMinutes: 120 } } } })
  @ApiOkResponse({ type: DetectPatternsResponse })
  @ApiProblems(400, 422)
  detect(@Body() body: DetectPatternsRequest, @RequestMetadata() metadata: CommandMetadata): Promise<DetectPatternsResult> {
    return this.commands.execute(new DetectPatternsCommand({ eventId: body.eventId, windowMinutes: body.windowMinutes ?? DEFAULT_CLUSTER_RULE.windowMinutes }, metadata));
  }
}
