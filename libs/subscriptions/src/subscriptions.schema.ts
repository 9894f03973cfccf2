import { ContextSchema } from '@tally/platform';
import { Migration20261204120000_subscriptions_init } from './migrations/Migration20261204120000_subscriptions_init';
import {
  PricingPlanRow,
  QuotaResetJobRow,
  QuotaResetRow,
  SubscriptionRow,
  SubscriptionUsageRow,
  SubscriptionVoteUsageRow,
  SubscriptionWebhookRow,
} from './read-model/subscriptions.entities';

export const subscriptionsSchema: ContextSchema = {
  entities: [PricingPlanRow, SubscriptionRow, SubscriptionUsageRow, SubscriptionVoteUsageRow, QuotaResetJobRow, QuotaResetRow, SubscriptionWebhookRow],
  migrations: [{ name: 'Migration20261204120000_subscriptions_init', class: Migration20261204120000_subscriptions_init }],
};
