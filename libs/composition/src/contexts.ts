import { AnalyticsModule } from '@tally/analytics';
import { AnchoringModule, anchoringSchema } from '@tally/anchoring';
import { AdminModule } from '@tally/admin';
import { AuditModule, auditSchema } from '@tally/audit';
import { CdnModule } from '@tally/cdn';
import { DisputesModule, disputesSchema } from '@tally/disputes';
import { FraudModule, fraudSchema } from '@tally/fraud';
import { IdentityModule, identitySchema } from '@tally/identity';
import { NotificationsModule, notificationsSchema } from '@tally/notifications';
import { PaymentsModule, paymentsSchema } from '@tally/payments';
import { ContextSchema } from '@tally/platform';
import { RateLimitModule, ratelimitSchema } from '@tally/ratelimit';
import { ScoringModule, scoringSchema } from '@tally/scoring';
import { SubscriptionsModule, subscriptionsSchema } from '@tally/subscriptions';
import { TenancyModule, tenancySchema } from '@tally/tenancy';
import { VotingModule, votingSchema } from '@tally/voting';

/**
 * The bounded contexts the API serves. Each context contributes its Nest module (commands,
 * queries, controllers, projections) and its schema (read entities and migrations).
 * RateLimitModule comes after IdentityModule: its global guard needs the actor identity's finds.
 */
export const contextModules = [TenancyModule, IdentityModule, VotingModule, PaymentsModule, FraudModule, RateLimitModule, SubscriptionsModule, DisputesModule, AuditModule, AdminModule, AnchoringModule, ScoringModule, NotificationsModule, AnalyticsModule, CdnModule];

export const contextSchemas: ContextSchema[] = [tenancySchema, identitySchema, votingSchema, paymentsSchema, fraudSchema, ratelimitSchema, subscriptionsSchema, disputesSchema, auditSchema, anchoringSchema, scoringSchema, notificationsSchema];
