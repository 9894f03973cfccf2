import { INestApplicationContext } from '@nestjs/common';
import { ScreeningOutcome, VOTE_SCREENING, VoteScreening, VoteScreeningInput } from '@tally/voting';

/**
 * A real screening for tests that need held votes without depending on the risk scorer's
 * thresholds: it holds the votes of the users it was told to hold (or of every user, from a
 * vote amount up) and records a score with one factor, as the scorer would; it allows the rest.
 */
export class HoldByRuleScreening implements VoteScreening {
  private readonly heldUsers = new Set<string>();

  constructor(private readonly holdFromAmount = Number.POSITIVE_INFINITY) {}

  hold(userId: string): this {
    this.heldUsers.add(userId);
    return this;
  }

  allow(userId: string): this {
    this.heldUsers.delete(userId);
    return this;
  }

  screen(input: VoteScreeningInput): ScreeningOutcome {
    const byUser = this.heldUsers.has(input.userId);
    if (!byUser && input.amount < this.holdFromAmount) return { verdict: 'allow', record: null };
    const signal = byUser ? 'deviceSharing' : 'votePattern';
    return {
      verdict: 'hold',
      record: {
        score: 70,
        decision: 'hold',
        factors: [{ signal, risk: 0.7, weight: 100, contribution: 70, reason: `held by the test rule (${byUser ? 'user listed' : 'amount'})`, inputs: { amount: input.amount } }],
        modelVersion: 'test-rule',
      },
    };
  }
}

/**
 * Routes the app's VOTE_SCREENING (the instance the vote path holds) to `screening` until the
 * returned function is called. createApp builds the app exactly as production does, with no
 * provider overrides, so the binding is made on the live instance instead.
 */
export function bindScreening(app: INestApplicationContext, screening: VoteScreening): () => void {
  const bound = app.get<VoteScreening>(VOTE_SCREENING);
  const original = bound.screen.bind(bound);
  bound.screen = (input) => screening.screen(input);
  return () => {
    bound.screen = original;
  };
}
