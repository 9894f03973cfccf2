import { ContextSchema } from '@tally/platform';
import { Migration20261125193000_payments_init } from './migrations/Migration20261125193000_payments_init';
import {
  DisputeCaseRow,
  FxRateRow,
  PaymentLogRow,
  PaymentReactorCheckpointRow,
  PaymentRow,
  PaymentWebhookRow,
  PriceListRow,
  RefundRow,
  TaxRuleRow,
} from './read-model/payments.entities';

export const paymentsSchema: ContextSchema = {
  entities: [PaymentRow, PaymentWebhookRow, PaymentLogRow, RefundRow, DisputeCaseRow, PriceListRow, TaxRuleRow, FxRateRow, PaymentReactorCheckpointRow],
  migrations: [{ name: 'Migration20261125193000_payments_init', class: Migration20261125193000_payments_init }],
};
