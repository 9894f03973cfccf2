import { ContextSchema } from '@tally/platform';
import { Migration20261125193000_payments_init } from './migrations/Migration20261125193000_payments_init';
import { Migration20261126130000_payments_credit_holds } from './migrations/Migration20261126130000_payments_credit_holds';
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
  migrations: [
    { name: 'Migration20261125193000_payments_init', class: Migration20261125193000_payments_init },
    { name: 'Migration20261126130000_payments_credit_holds', class: Migration20261126130000_payments_credit_holds },
  ],
};
