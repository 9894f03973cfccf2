import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { TakeSnapshotCommand, TakeSnapshotResult } from './take-snapshot.command';
import { TakeSnapshotResponse } from './take-snapshot.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class TakeSnapshotHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/snapshots')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Freeze the blended ranking now (an on-demand snapshot; public once revealed)' })
  @ApiCreatedResponse({ type: TakeSnapshotResponse })
  @ApiProblem(404, 'No such event, or it has no jury scoring.')
  @ApiProblems(400)
  take(@EventIdPath() eventId: string, @RequestMetadata() metadata: CommandMetadata): Promise<TakeSnapshotResult> {
    return this.commands.execute(new TakeSnapshotCommand({ contestId: eventId, reason: 'on-demand' }, metadata));
  }
}
