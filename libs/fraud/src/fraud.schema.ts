import { ContextSchema } from '@tally/platform';
import { Migration20261204110000_fraud_cases } from './migrations/Migration20261204110000_fraud_cases';
import { Migration20261204113000_fraud_scoring } from './migrations/Migration20261204113000_fraud_scoring';
import { Migration20261204150000_fraud_payment_cards } from './migrations/Migration20261204150000_fraud_payment_cards';
import { Migration20261204170000_fraud_ip_velocity_accounts } from './migrations/Migration20261204170000_fraud_ip_velocity_accounts';
import { Migration20261205010000_fraud_scores_lean } from './migrations/Migration20261205010000_fraud_scores_lean';
import { DeviceFingerprintRow, FraudScoreRow, IpVelocityRow, PaymentCardRow, PaymentOwnerRow, PaymentRiskRow } from './read-models/fraud.entities';

/** The fraud context's read models and migrations. */
export const fraudSchema: ContextSchema = {
  entities: [FraudScoreRow, IpVelocityRow, DeviceFingerprintRow, PaymentRiskRow, PaymentOwnerRow, PaymentCardRow],
  migrations: [
    { name: 'Migration20261204110000_fraud_cases', class: Migration20261204110000_fraud_cases },
    { name: 'Migration20261204113000_fraud_scoring', class: Migration20261204113000_fraud_scoring },
    { name: 'Migration20261204150000_fraud_payment_cards', class: Migration20261204150000_fraud_payment_cards },
    { name: 'Migration20261204170000_fraud_ip_velocity_accounts', class: Migration20261204170000_fraud_ip_velocity_accounts },
    { name: 'Migration20261205010000_fraud_scores_lean', class: Migration20261205010000_fraud_scores_lean },
  ],
};
