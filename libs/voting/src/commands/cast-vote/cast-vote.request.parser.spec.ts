import { DomainError } from '@tally/platform';
import { parseCastVoteRequest } from './cast-vote.request.parser';

const ID = '01930000-0000-7000-8000-000000000001';

function refusal(body: unknown): { code: string; fields: string[] } {
  try {
    parseCastVoteRequest(body);
  } catch (error) {
    const problem = error as DomainError<string> & { details: { errors: { field: string }[] } };
    expect(problem).toBeInstanceOf(DomainError);
    return { code: String(problem.code), fields: problem.details.errors.map((e) => e.field) };
  }
  throw new Error('accepted');
}

describe('parseCastVoteRequest', () => {
  it('takes a valid body, with or without the event', () => {
    expect(parseCastVoteRequest({ contestantId: ID, amount: 3 })).toEqual({ contestantId: ID, amount: 3, eventId: undefined });
    expect(parseCastVoteRequest({ contestantId: ID.toUpperCase(), amount: 1, eventId: ID })).toEqual({ contestantId: ID.toUpperCase(), amount: 1, eventId: ID });
  });

  it.each([
    [{ contestantId: 'nope', amount: 1 }, ['contestantId']],
    [{ amount: 1 }, ['contestantId']],
    [{ contestantId: ID, amount: 0 }, ['amount']],
    [{ contestantId: ID, amount: 1.5 }, ['amount']],
    [{ contestantId: ID, amount: '2' }, ['amount']],
    [{ contestantId: ID }, ['amount']],
    [{ contestantId: ID, amount: 1, eventId: 7 }, ['eventId']],
    [{ contestantId: ID, amount: 1, extra: true }, ['extra']],
    [{ contestantId: 1, amount: -1, eventId: 'x', role: 'admin' }, ['role', 'contestantId', 'amount', 'eventId']],
    [{ contestantId: ID, amount: 1e308 }, ['amount']],
    [{ contestantId: ID, amount: 2 ** 31 }, ['amount']],
  ])('refuses %j naming %j', (body, fields) => {
    expect(refusal(body)).toEqual({ code: 'VOTING.INVALID_INPUT', fields });
  });

  it.each([null, [ID], 'text', 42])('refuses the body %j as not an object', (body) => {
    expect(refusal(body)).toEqual({ code: 'VOTING.MALFORMED_BODY', fields: ['body'] });
  });
});
