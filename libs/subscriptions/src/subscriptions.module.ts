import { Global, Module } from '@nestjs/common';
import { ENV, Env } from '@tally/platform';
import { PaymentsModule } from '@tally/payments';
import { TenancyModule } from '@tally/tenancy';
import { NoSubscriptionQuotas, SUBSCRIPTION_QUOTAS, SubscriptionQuotas } from '@tally/voting';
import { BillingProviders } from './billing/billing-providers';
import { BillingWebhookInbox } from './billing/billing-webhook-inbox';
import { BillingWebhooksHttpController } from './billing/billing-webhooks.http.controller';
import { CancelSubscriptionHandler } from './commands/cancel-subscription/cancel-subscription.handler';
import { CancelSubscriptionHttpController } from './commands/cancel-subscription/cancel-subscription.http.controller';
import { ChangePlanHandler } from './commands/change-plan/change-plan.handler';
import { ChangePlanHttpController } from './commands/change-plan/change-plan.http.controller';
import { ChangeTimeZoneHandler } from './commands/change-time-zone/change-time-zone.handler';
import { ChangeTimeZoneHttpController } from './commands/change-time-zone/change-time-zone.http.controller';
import { CreatePlanHandler } from './commands/create-plan/create-plan.handler';
import { CreatePlanHttpController } from './commands/create-plan/create-plan.http.controller';
import { CreateSubscriptionHandler } from './commands/create-subscription/create-subscription.handler';
import { CreateSubscriptionHttpController } from './commands/create-subscription/create-subscription.http.controller';
import { RecordBillingFactHandler } from './commands/record-billing-fact/record-billing-fact.handler';
import { RetirePlanHandler } from './commands/retire-plan/retire-plan.handler';
import { RetirePlanHttpController } from './commands/retire-plan/retire-plan.http.controller';
import { UpdatePlanHandler } from './commands/update-plan/update-plan.handler';
import { UpdatePlanHttpController } from './commands/update-plan/update-plan.http.controller';
import { Dunning } from './jobs/dunning';
import { DunningJob } from './jobs/dunning.job';
import { QuotaResetJob } from './jobs/quota-reset.job';
import { QuotaResets } from './jobs/quota-resets';
import { SubscriptionsProjection } from './projections/subscriptions/subscriptions.projection';
import { SubscriptionUsageProjection } from './projections/usage/subscription-usage.projection';
import { GetSubscriptionHandler } from './queries/get-subscription/get-subscription.query';
import { GetSubscriptionHttpController } from './queries/get-subscription/get-subscription.http.controller';
import { GetUsageHandler } from './queries/get-usage/get-usage.query';
import { GetUsageHttpController } from './queries/get-usage/get-usage.http.controller';
import { PlansHttpController } from './queries/plans/plans.http.controller';
import { QuotaUtilisation } from './queries/utilisation/quota-utilisation';
import { UtilisationHttpController } from './queries/utilisation/utilisation.http.controller';
import { SubscriptionQuotaLookup } from './quota/subscription-quota.lookup';
import { loadSubscriptionsConfig, SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from './subscriptions.config';
import './subscriptions.errors';

/**
 * Pricing plans, subscriptions and their recurring billing (Stripe Billing, or the sandbox),
 * daily quotas and their resets. Global so that voting's vote decision finds the quota port
 * (SUBSCRIPTION_QUOTAS) without importing this context.
 */
@Global()
@Module({
  imports: [PaymentsModule, TenancyModule],
  controllers: [
    // Static paths before `:subscriptionId`, so /plans and /utilisation are never read as an id.
    CreatePlanHttpController,
    PlansHttpController,
    UpdatePlanHttpController,
    RetirePlanHttpController,
    UtilisationHttpController,
    BillingWebhooksHttpController,
    CreateSubscriptionHttpController,
    GetSubscriptionHttpController,
    GetUsageHttpController,
    ChangePlanHttpController,
    ChangeTimeZoneHttpController,
    CancelSubscriptionHttpController,
  ],
  providers: [
    { provide: SUBSCRIPTIONS_CONFIG, inject: [ENV], useFactory: (env: Env) => loadSubscriptionsConfig(env) },
    BillingProviders,
    BillingWebhookInbox,
    SubscriptionQuotaLookup,
    {
      provide: SUBSCRIPTION_QUOTAS,
      inject: [SUBSCRIPTIONS_CONFIG, SubscriptionQuotaLookup],
      useFactory: (config: SubscriptionsConfig, lookup: SubscriptionQuotaLookup): SubscriptionQuotas => (config.voteQuotas ? lookup : new NoSubscriptionQuotas()),
    },
    CreatePlanHandler,
    UpdatePlanHandler,
    RetirePlanHandler,
    CreateSubscriptionHandler,
    ChangePlanHandler,
    ChangeTimeZoneHandler,
    CancelSubscriptionHandler,
    RecordBillingFactHandler,
    GetSubscriptionHandler,
    GetUsageHandler,
    SubscriptionsProjection,
    SubscriptionUsageProjection,
    QuotaUtilisation,
    QuotaResets,
    QuotaResetJob,
    Dunning,
    DunningJob,
  ],
  exports: [SUBSCRIPTION_QUOTAS, QuotaResets, Dunning, QuotaUtilisation],
})
export class SubscriptionsModule {}
