import { Controller, Get, Query } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiSchema, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblems, ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { SUBSCRIPTION_USAGE_PROJECTION } from '../../projections/usage/subscription-usage.projection';
import { SubscriptionsError } from '../../subscriptions.errors';

export class UtilisationQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First local date (inclusive); default 30 days back.', example: '2026-03-01' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;
}

@ApiSchema({ name: 'QuotaUtilisation' })
export class UtilisationRowResponse {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'date', description: "Subscribers' local date." }) date!: string;
  @ApiProperty({ minimum: 0, description: 'Subscribers of the plan who voted that day.' }) subscribers!: number;
  @ApiProperty({ minimum: 0 }) votesUsed!: number;
  @ApiProperty({ minimum: 0, description: 'Their quotas, summed.' }) quota!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'votesUsed / quota.' }) utilisation!: number;
}

@ApiSchema({ name: 'QuotaUtilisationReport' })
export class UtilisationResponse {
  @ApiProperty({ type: [UtilisationRowResponse] }) items!: UtilisationRowResponse[];
}

/** Quota utilisation per plan and local day, for the admin dashboard (from subscription_usage). */
@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions/utilisation')
export class UtilisationHttpController {
  constructor(private readonly orm: MikroORM) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ReadsProjections(SUBSCRIPTION_USAGE_PROJECTION)
  @ApiOperation({ summary: 'Quota utilisation per plan per day (subscribers who voted)' })
  @ApiOkResponse({ type: UtilisationResponse, example: { items: [{ planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61', date: '2026-03-02', subscribers: 12, votesUsed: 96, quota: 120, utilisation: 0.8 }] } })
  @ApiProblems(400, 422)
  async report(@Query() query: UtilisationQueryDto, @TenantId() tenantId: string): Promise<UtilisationResponse> {
    const from = query.from ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    // The pattern lets 2026-02-31 through; the calendar does not.
    if (new Date(`${from}T00:00:00Z`).toISOString().slice(0, 10) !== from) {
      throw new SubscriptionsError('SUBSCRIPTIONS.INVALID_INPUT', 'from is not a calendar date', { errors: [{ field: 'from', message: 'is not a calendar date' }] });
    }
    const rows = await this.orm.em.getConnection('read').execute<{ plan_id: string; date: string; subscribers: string; votes_used: string; quota: string }[]>(
      `select plan_id, to_char(date, 'YYYY-MM-DD') as date, count(*) as subscribers, sum(votes_used) as votes_used, sum(daily_quota) as quota
         from subscription_usage where tenant_id = ? and date >= ?::date group by plan_id, date order by date desc, plan_id limit 1000`,
      [tenantId, from],
    );
    return {
      items: rows.map((row) => {
        const quota = Number(row.quota);
        return { planId: row.plan_id, date: row.date, subscribers: Number(row.subscribers), votesUsed: Number(row.votes_used), quota, utilisation: quota > 0 ? Number(row.votes_used) / quota : 0 };
      }),
    };
  }
}
