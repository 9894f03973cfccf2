import { Module } from '@nestjs/common';
import { FraudCasesModule } from './cases/fraud-cases.module';
import { FraudPatternsModule } from './patterns/fraud-patterns.module';
import './fraud.errors';
import { FraudScoringModule } from './fraud-scoring.module';

/**
 * Fraud: signals, risk scoring and the accept/hold/reject decision behind voting's screening
 * port, the per-tenant fraud settings, the fraud read models, and the case queue.
 */
@Module({
  imports: [FraudScoringModule, FraudCasesModule, FraudPatternsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class FraudModule {}
