import { streamName } from '@tally/eventstore';
import { PLAN_CATEGORY } from './plan.events';
import { SUBSCRIBER_CATEGORY } from './subscriber.events';
import { SUBSCRIPTION_CATEGORY } from './subscription.events';

export const planStream = (tenantId: string, planId: string): string => streamName(PLAN_CATEGORY, tenantId, planId);
export const subscriptionStream = (tenantId: string, subscriptionId: string): string => streamName(SUBSCRIPTION_CATEGORY, tenantId, subscriptionId);
export const subscriberStream = (tenantId: string, userId: string): string => streamName(SUBSCRIBER_CATEGORY, tenantId, userId);
