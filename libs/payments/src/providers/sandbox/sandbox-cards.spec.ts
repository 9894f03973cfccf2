import { DomainError } from '@tally/platform';
import { sandboxOutcomeOf } from './sandbox-cards';

describe('sandbox test cards', () => {
  it("maps Stripe's test cards to their outcomes, spaces and dashes ignored", () => {
    expect(sandboxOutcomeOf({ card: '4242 4242 4242 4242' })).toBe('succeeded');
    expect(sandboxOutcomeOf({ card: '4000-0000-0000-0002' })).toBe('declined');
    expect(sandboxOutcomeOf({ card: '4000000000009995' })).toBe('insufficient_funds');
    expect(sandboxOutcomeOf({ card: '4000002500003155' })).toBe('requires_action');
  });

  it('takes an outcome by name, and succeeds when nothing is named', () => {
    expect(sandboxOutcomeOf({ outcome: 'declined' })).toBe('declined');
    expect(sandboxOutcomeOf({})).toBe('succeeded');
    expect(sandboxOutcomeOf({ card: '4000000000000002', outcome: 'declined' })).toBe('declined');
  });

  it('refuses a card that is not a test card, and a card that contradicts the outcome, naming the field', () => {
    const refusal = (request: Parameters<typeof sandboxOutcomeOf>[0]) => {
      try {
        sandboxOutcomeOf(request);
      } catch (error) {
        return error instanceof DomainError ? { code: error.code, field: (error.details as { field?: string }).field } : error;
      }
      return null;
    };
    expect(refusal({ card: '5555555555554444' })).toEqual({ code: 'PAYMENTS.SANDBOX_CARD_UNKNOWN', field: 'card' });
    expect(refusal({ card: '4242424242424242', outcome: 'declined' })).toEqual({ code: 'PAYMENTS.SANDBOX_CARD_UNKNOWN', field: 'outcome' });
  });
});
