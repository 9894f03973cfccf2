import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { FraudSettings } from '../../domain/fraud.events';
import { FraudSettingsDto } from '../../commands/change-fraud-settings/change-fraud-settings.request.dto';
import { FraudSettingsReader } from '../../settings/fraud-settings.reader';

@ApiTags('fraud')
@ApiTenantAuth()
@Controller('api/fraud/settings')
export class GetFraudSettingsHttpController {
  constructor(private readonly reader: FraudSettingsReader) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({ summary: "The tenant's fraud weights and thresholds (the defaults until changed)" })
  @ApiOkResponse({ type: FraudSettingsDto })
  async get(@TenantId() tenantId: string): Promise<FraudSettings> {
    return await this.reader.settings(tenantId);
  }
}
