import { ApiProperty } from '@nestjs/swagger';
import { RULE_LEVELS, RULE_METHODS, RULE_SCOPES, RuleLevel, RuleMethod, RuleScope } from '../../domain/rate-limit-rule';

export class RateLimitRuleResponse {
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty({ enum: RULE_LEVELS }) level!: RuleLevel;
  @ApiProperty({ type: String, nullable: true, description: 'The tenant of a tenant rule; null for a platform rule.' }) tenantId!: string | null;
  @ApiProperty({ example: 'user-votes-per-hour' }) name!: string;
  @ApiProperty({ enum: RULE_SCOPES }) scope!: RuleScope;
  @ApiProperty({ enum: RULE_METHODS }) method!: RuleMethod;
  @ApiProperty({ example: '/api/votes' }) route!: string;
  @ApiProperty({ type: 'integer', example: 3600 }) limit!: number;
  @ApiProperty({ type: 'integer', example: 3600 }) windowSeconds!: number;
  @ApiProperty() enabled!: boolean;
}

export class RateLimitRuleListResponse {
  @ApiProperty({ type: [RateLimitRuleResponse], description: 'The platform rules, then the tenant\'s own.' }) items!: RateLimitRuleResponse[];
}
