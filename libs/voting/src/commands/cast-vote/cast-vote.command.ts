import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { CastVoteResponse } from '../../domain/voter.state';

export interface CastVoteInput {
  userId: string;
  contestantId: string;
  amount: number;
  /** Optional: names the event; otherwise it is the contestant's event. */
  eventId?: string;
  idempotencyKey: string;
  /** Whether the voter's phone is verified, as the token says; undefined when unknown. */
  phoneVerified?: boolean;
  /** X-Device-Fingerprint and User-Agent, for fraud screening only. */
  deviceFingerprint?: string;
  userAgent?: string;
}

export interface CastVoteResult {
  response: CastVoteResponse;
  /** True when the idempotency key was seen with the same body: the first response, again. */
  replayed: boolean;
}

export class CastVoteCommand extends TallyCommand<CastVoteResult> {
  constructor(
    readonly input: CastVoteInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}

/** The canonical request body; a replayed key must come with the same one. */
export function requestFingerprint(input: Pick<CastVoteInput, 'contestantId' | 'amount' | 'eventId'>): string {
  return `${input.contestantId}|${input.amount}|${input.eventId ?? ''}`;
}
