import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { FraudSettings } from '../../domain/fraud.events';
import { DEFAULT_FRAUD_SETTINGS } from '../../domain/fraud-settings';
import { ChangeFraudSettingsCommand } from './change-fraud-settings.command';
import { FraudSettingsDto } from './change-fraud-settings.request.dto';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/settings')
export class ChangeFraudSettingsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: "Replace the tenant's fraud weights and thresholds", description: 'Recorded as an event (FraudSettingsChanged) in the tenant’s settings stream; applies to votes within seconds on every process.' })
  @ApiBody({ type: FraudSettingsDto, examples: { defaults: { summary: 'The defaults', value: DEFAULT_FRAUD_SETTINGS } } })
  @ApiOkResponse({ type: FraudSettingsDto, description: 'The settings now in force.' })
  @ApiProblem(422, 'A weight or threshold is not a whole number from 0 to 100, or holdAt is above rejectAt.')
  @ApiProblems(400)
  change(@Body() body: FraudSettingsDto, @RequestMetadata() metadata: CommandMetadata): Promise<FraudSettings> {
    const { weights } = body;
    const settings: FraudSettings = {
      weights: {
        ipVelocity: weights.ipVelocity,
        deviceSharing: weights.deviceSharing,
        geoAnomaly: weights.geoAnomaly,
        phoneReputation: weights.phoneReputation,
        votePattern: weights.votePattern,
        paymentRisk: weights.paymentRisk,
      },
      holdAt: body.holdAt,
      rejectAt: body.rejectAt,
    };
    return this.commands.execute(new ChangeFraudSettingsCommand(settings, metadata));
  }
}
