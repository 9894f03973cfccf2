import { Global, Module } from '@nestjs/common';
import { RANKING_EXTENSION } from '@tally/voting';
import { AdjustScoreHandler } from './commands/adjust-score/adjust-score.handler';
import { AdjustScoreHttpController } from './commands/adjust-score/adjust-score.http.controller';
import { AssignJudgeHandler } from './commands/assign-judge/assign-judge.handler';
import { AssignJudgeHttpController } from './commands/assign-judge/assign-judge.http.controller';
import { ClosePhaseHandler } from './commands/close-phase/close-phase.handler';
import { ClosePhaseHttpController } from './commands/close-phase/close-phase.http.controller';
import { ConfigureBlendHandler } from './commands/configure-blend/configure-blend.handler';
import { ConfigureBlendHttpController } from './commands/configure-blend/configure-blend.http.controller';
import { DefinePhaseHandler } from './commands/define-phase/define-phase.handler';
import { DefinePhaseHttpController } from './commands/define-phase/define-phase.http.controller';
import { DefineScoreTypeHandler } from './commands/define-score-type/define-score-type.handler';
import { DefineScoreTypeHttpController } from './commands/define-score-type/define-score-type.http.controller';
import { FinaliseScoringHandler } from './commands/finalise-scoring/finalise-scoring.handler';
import { FinaliseScoringHttpController } from './commands/finalise-scoring/finalise-scoring.http.controller';
import { LockScoresHandler } from './commands/lock-scores/lock-scores.handler';
import { LockScoresHttpController } from './commands/lock-scores/lock-scores.http.controller';
import { RevealScoresHandler } from './commands/reveal-scores/reveal-scores.handler';
import { RevealScoresHttpController } from './commands/reveal-scores/reveal-scores.http.controller';
import { SubmitScoresHandler } from './commands/submit-score/submit-score.handler';
import { SubmitScoresHttpController } from './commands/submit-score/submit-score.http.controller';
import { TakeSnapshotHandler } from './commands/take-snapshot/take-snapshot.handler';
import { TakeSnapshotHttpController } from './commands/take-snapshot/take-snapshot.http.controller';
import { ScoringFacts } from './facts/scoring-facts';
import { JudgingProjection } from './projections/judging/judging.projection';
import { CommitmentsHttpController } from './queries/commitments/commitments.http.controller';
import { ScoringLeaderboardHttpController } from './queries/leaderboard/scoring-leaderboard.http.controller';
import { OwnScoresHttpController } from './queries/own-scores/own-scores.http.controller';
import { ScoringReportHttpController } from './queries/report/scoring-report.http.controller';
import { ScoringReader } from './queries/scoring.reader';
import { ContestCloseSnapshotReactor } from './ranking/contest-close-snapshot.reactor';
import { ScoringRankings } from './ranking/scoring-rankings';
import './scoring.errors';

/**
 * Judge scoring (issue 15): score types, phases, judges, raw scores, locks with their
 * commitments, adjustments, the reveal and finalisation on `judging-<tenant>.<event>`; the
 * jury and blended rankings. Global so that voting's ranking engine finds RANKING_EXTENSION
 * (its recalculation and snapshot endpoints) without importing this context.
 */
@Global()
@Module({
  controllers: [
    DefineScoreTypeHttpController,
    DefinePhaseHttpController,
    AssignJudgeHttpController,
    SubmitScoresHttpController,
    LockScoresHttpController,
    ClosePhaseHttpController,
    AdjustScoreHttpController,
    ConfigureBlendHttpController,
    RevealScoresHttpController,
    FinaliseScoringHttpController,
    TakeSnapshotHttpController,
    ScoringLeaderboardHttpController,
    CommitmentsHttpController,
    OwnScoresHttpController,
    ScoringReportHttpController,
  ],
  providers: [
    ScoringFacts,
    ScoringReader,
    ScoringRankings,
    { provide: RANKING_EXTENSION, useExisting: ScoringRankings },
    DefineScoreTypeHandler,
    DefinePhaseHandler,
    AssignJudgeHandler,
    SubmitScoresHandler,
    LockScoresHandler,
    ClosePhaseHandler,
    AdjustScoreHandler,
    ConfigureBlendHandler,
    RevealScoresHandler,
    FinaliseScoringHandler,
    TakeSnapshotHandler,
    JudgingProjection,
    ContestCloseSnapshotReactor,
  ],
  exports: [RANKING_EXTENSION],
})
export class ScoringModule {}
