import { ContextSchema } from '@tally/platform';
import { Migration20261125193000_payments_init } from './migrations/Migration20261125193000_payments_init';
import { Migration20261126130000_payments_credit_holds } from './migrations/Migration20261126130000_payments_credit_holds';
import { Migration20261126120000_payments_provider_settings } from './migrations/Migration20261126120000_payments_provider_settings';
import { Migration20261204050000_payments_reactor_checkpoints } from './migrations/Migration20261204050000_payments_reactor_checkpoints';
import { Migration20261204180000_payments_sandbox_billing } from './migrations/Migration20261204180000_payments_sandbox_billing';
import { SandboxBillingSubscriptionRow } from './read-model/sandbox-billing.entities';
import { PaymentSettingsAuditRow, ProviderSettingsRow, TenantPaymentSettingsRow } from './read-model/provider-settings.entities';
import {
  DisputeCaseRow,
  FxRateRow,
  PaymentLogRow,
  PaymentRow,
  PaymentWebhookRow,
  PriceListRow,
  RefundRow,
  TaxRuleRow,
} from './read-model/payments.entities';

export const paymentsSchema: ContextSchema = {
  entities: [PaymentRow, PaymentWebhookRow, PaymentLogRow, RefundRow, DisputeCaseRow, PriceListRow, TaxRuleRow, FxRateRow, ProviderSettingsRow, TenantPaymentSettingsRow, PaymentSettingsAuditRow, SandboxBillingSubscriptionRow],
  migrations: [
    { name: 'Migration20261125193000_payments_init', class: Migration20261125193000_payments_init },
    { name: 'Migration20261126120000_payments_provider_settings', class: Migration20261126120000_payments_provider_settings },
    { name: 'Migration20261126130000_payments_credit_holds', class: Migration20261126130000_payments_credit_holds },
    { name: 'Migration20261204050000_payments_reactor_checkpoints', class: Migration20261204050000_payments_reactor_checkpoints },
    { name: 'Migration20261204180000_payments_sandbox_billing', class: Migration20261204180000_payments_sandbox_billing },
  ],
};
