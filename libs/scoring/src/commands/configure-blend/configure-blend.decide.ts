import { assertNotFinalised } from '../../domain/judging.guards';
import { BlendConfigured } from '../../domain/judging.events';
import { JudgingState } from '../../domain/judging.state';
import { fieldError, ScoringError } from '../../scoring.errors';
import { ConfigureBlendInput } from './configure-blend.command';

/** The jury/public weights are published before the reveal and fixed after it (nobody tunes the blend to a known result). */
export function decideConfigureBlend(input: ConfigureBlendInput, state: JudgingState, now: Date): BlendConfigured[] {
  assertNotFinalised(state);
  if (state.revealed) throw new ScoringError('SCORING.ALREADY_REVEALED', 'The jury scores are revealed; the blend is fixed');
  for (const field of ['juryWeight', 'publicWeight'] as const) {
    if (!Number.isFinite(input[field]) || input[field] < 0) throw fieldError('SCORING.INVALID_INPUT', field, `${field} must be 0 or more`);
  }
  if (input.juryWeight + input.publicWeight <= 0) throw fieldError('SCORING.INVALID_INPUT', 'juryWeight', 'At least one weight must be greater than 0');
  return [{ type: 'BlendConfigured', data: { contestId: input.contestId, juryWeight: input.juryWeight, publicWeight: input.publicWeight, at: now.toISOString() } }];
}
