import { Module } from '@nestjs/common';
import { InvestigateDisputeHandler } from './commands/investigate-dispute/investigate-dispute.handler';
import { InvestigateDisputeHttpController } from './commands/investigate-dispute/investigate-dispute.http.controller';
import { OpenDisputeHandler } from './commands/open-dispute/open-dispute.handler';
import { OpenDisputeHttpController } from './commands/open-dispute/open-dispute.http.controller';
import { ResolveDisputeHandler } from './commands/resolve-dispute/resolve-dispute.handler';
import { ResolveDisputeHttpController } from './commands/resolve-dispute/resolve-dispute.http.controller';
import { WithdrawDisputeHandler } from './commands/withdraw-dispute/withdraw-dispute.handler';
import { WithdrawDisputeHttpController } from './commands/withdraw-dispute/withdraw-dispute.http.controller';
import { DisputeEffects } from './effects/dispute-effects';
import { DisputeEffectsReactor } from './effects/dispute-effects.reactor';
import { DisputeCasesProjection } from './projections/dispute-cases/dispute-cases.projection';
import { DisputeCasesReader } from './queries/dispute-cases.reader';
import { GetDisputeHttpController } from './queries/get-dispute/get-dispute.http.controller';
import { ListDisputesHttpController } from './queries/list-disputes/list-disputes.http.controller';
import { ProviderDisputeReactor } from './reactors/provider-dispute.reactor';
import { DisputeSubjects } from './subjects/dispute-subjects';
import './disputes.errors';

/**
 * Dispute cases (issue 17): payment disputes and vote complaints on `dispute-<tenant>.<case>`,
 * open → investigating → resolved (upheld/rejected, with the credit effect carried out by
 * voting's commands) or withdrawn; provider disputes open and close cases by themselves.
 */
@Module({
  controllers: [OpenDisputeHttpController, InvestigateDisputeHttpController, ResolveDisputeHttpController, WithdrawDisputeHttpController, ListDisputesHttpController, GetDisputeHttpController],
  providers: [
    DisputeSubjects,
    DisputeEffects,
    DisputeCasesReader,
    OpenDisputeHandler,
    InvestigateDisputeHandler,
    ResolveDisputeHandler,
    WithdrawDisputeHandler,
    DisputeCasesProjection,
    DisputeEffectsReactor,
    ProviderDisputeReactor,
  ],
  exports: [DisputeCasesReader],
})
export class DisputesModule {}
