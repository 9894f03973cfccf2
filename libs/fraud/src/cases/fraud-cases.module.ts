import { Module } from '@nestjs/common';
import { BulkDecideCasesHandler } from './commands/bulk-decide-cases/bulk-decide-cases.handler';
import { BulkDecideCasesHttpController } from './commands/bulk-decide-cases/bulk-decide-cases.http.controller';
import { DecideCaseHandler } from './commands/decide-case/decide-case.handler';
import { DecideCaseHttpController } from './commands/decide-case/decide-case.http.controller';
import { FraudCasesProjection } from './projections/fraud-cases.projection';
import { ContestFraudReportHandler } from './queries/contest-fraud-report/contest-fraud-report.query';
import { ContestFraudReportHttpController } from './queries/contest-fraud-report/contest-fraud-report.http.controller';
import { FraudAnalyticsHandler } from './queries/fraud-analytics/fraud-analytics.query';
import { FraudAnalyticsHttpController } from './queries/fraud-analytics/fraud-analytics.http.controller';
import { ListCasesHandler } from './queries/list-cases/list-cases.query';
import { ListCasesHttpController } from './queries/list-cases/list-cases.http.controller';

/** The case queue: held votes reviewed by organizers, the analytics and the auditors' report. */
@Module({
  controllers: [ListCasesHttpController, DecideCaseHttpController, BulkDecideCasesHttpController, FraudAnalyticsHttpController, ContestFraudReportHttpController],
  providers: [FraudCasesProjection, DecideCaseHandler, BulkDecideCasesHandler, ListCasesHandler, FraudAnalyticsHandler, ContestFraudReportHandler],
})
export class FraudCasesModule {}
