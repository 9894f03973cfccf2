import { ApiProperty, ApiPropertyOptional, SchemaObject } from '@nestjs/swagger';

/** Checks by name (database, eventStore, projections, redis), each up or down with its details. */
const INDICATORS: { type: 'object'; additionalProperties: SchemaObject } = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
};

/** Terminus's health check result, with Tally's `degraded` (serving, some events parked). */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'error', 'shutting_down'], description: '`degraded`: serving, but parked events are missing from some read models.', example: 'ok' })
  status!: 'ok' | 'degraded' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ ...INDICATORS, description: 'Checks that are up.', example: { database: { status: 'up', latencyMs: 2 } } })
  info?: Record<string, unknown>;

  @ApiPropertyOptional({ ...INDICATORS, description: 'Checks that are down.', example: {} })
  error?: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS, description: 'Every check.', example: { database: { status: 'up', latencyMs: 2 }, eventStore: { status: 'up', latencyMs: 1 }, projections: { status: 'up' } } })
  details!: Record<string, unknown>;
}
