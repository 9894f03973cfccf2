import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MAX_RULE_LIMIT, MAX_WINDOW_SECONDS, RULE_LEVELS, RULE_METHODS, RULE_NAME, RULE_ROUTE, RULE_SCOPES, RuleLevel, RuleMethod, RuleScope } from '../../domain/rate-limit-rule';

export class SetRuleRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The rule to change. Without it, the rule of this level with the same name is changed, or a new one is made.', example: '01930000-0000-7000-8000-000000000002' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiPropertyOptional({ enum: RULE_LEVELS, default: 'tenant', description: '`platform`: every tenant (platform admins only); `tenant`: only the tenant of the request (its organizers may set these).' })
  @IsOptional()
  @IsIn(RULE_LEVELS)
  level?: RuleLevel;

  @ApiProperty({ pattern: RULE_NAME.source, minLength: 1, maxLength: 64, description: 'Unique per level; the policy name in the RateLimit headers and the 429 problem.', example: 'user-votes-per-hour' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ enum: RULE_SCOPES, description: 'What is counted: each user, each client address (IPv6 per /64), the whole tenant, or every caller of the route together.', example: 'user' })
  @IsIn(RULE_SCOPES)
  scope!: RuleScope;

  @ApiProperty({ enum: RULE_METHODS, example: 'POST' })
  @IsIn(RULE_METHODS)
  method!: RuleMethod;

  @ApiProperty({ pattern: RULE_ROUTE.source, maxLength: 201, description: '`*`, a route as this document writes it (`/api/events/{eventId}/contestants`), or a prefix ending in `/*`.', example: '/api/votes' })
  @IsString()
  @Length(1, 201)
  route!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_RULE_LIMIT, description: 'Requests allowed per window.', example: 3600 })
  @IsInt()
  @Min(1)
  @Max(MAX_RULE_LIMIT)
  limit!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_WINDOW_SECONDS, description: 'Length of the (fixed) window in seconds.', example: 3600 })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_SECONDS)
  windowSeconds!: number;

  @ApiPropertyOptional({ default: true, description: 'false keeps the rule but stops applying it.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
