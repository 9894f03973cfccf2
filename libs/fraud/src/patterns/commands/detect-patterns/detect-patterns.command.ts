import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { PatternAction, PatternType } from '../../domain/suspicious-pattern.events';

export interface DetectPatternsInput {
  /** Only this event's votes; all of the tenant's when absent. */
  eventId?: string;
  /** How far back from now the votes are looked at. */
  windowMinutes: number;
}

export interface DetectedFinding {
  findingId: string;
  patternType: PatternType;
  action: PatternAction;
  eventId: string;
  contestantId: string;
  clientIp: string;
  accounts: number;
  votes: number;
  /** False when an earlier run already recorded this finding. */
  recordedNow: boolean;
}

export interface DetectPatternsResult {
  windowStart: string;
  windowEnd: string;
  /** Votes of candidate clusters examined. */
  examinedVotes: number;
  findings: DetectedFinding[];
}

/**
 * Looks across the tenant's votes already cast for suspicious patterns and records each finding
 * (SuspiciousPatternDetected); the pattern-actions reactor then voids or holds its votes.
 */
export class DetectPatternsCommand extends TallyCommand<DetectPatternsResult> {
  constructor(
    readonly input: DetectPatternsInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
