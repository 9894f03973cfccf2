import { DomainError } from '@tally/platform';
import { contestantContentDecider, ContestantContentEvent } from '../../domain/contestant-content';
import { ContestEvent } from '../../domain/contest.events';
import { contestDecider, ContestState, DEFAULT_CONTEST_SETTINGS } from '../../domain/contest.state';
import { decideAddContestant } from '../add-contestant/add-contestant.decide';
import { decideReviewContestantContent } from '../review-contestant-content/review-contestant-content.decide';
import { decideSubmitContestantName } from './submit-contestant-name.decide';

const C = '01930000-0000-7000-8000-000000000001';
const A = '01930000-0000-7000-8000-0000000000a1';
const B = '01930000-0000-7000-8000-0000000000b2';
const S = '01930000-0000-7000-8000-0000000000f1';
const NOW = new Date('2026-03-01T12:00:00.000Z');

function created(): ContestState {
  const event: ContestEvent = {
    type: 'ContestCreated',
    data: { contestId: C, name: 'Finals', startDate: '2026-02-01T00:00:00.000Z', endDate: '2026-04-01T00:00:00.000Z', voteCap: 10, currency: 'USD', settings: DEFAULT_CONTEST_SETTINGS, createdAt: '2026-01-01T00:00:00.000Z' },
  };
  return contestDecider.evolve(contestDecider.initialState(), event);
}

function add(state: ContestState, contestantId: string, name: string, byReviewer = false): ContestState {
  return decideAddContestant({ contestId: C, name, byReviewer }, contestantId, state, ['spam'], NOW).reduce(contestDecider.evolve, state);
}

function refusal(run: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

const fold = (...events: ContestantContentEvent[]) => events.reduce(contestantContentDecider.evolve, contestantContentDecider.initialState());

describe('contestant names under moderation', () => {
  it('adds a contestant with its name pending: the public sees "Contestant <n>", its number in the event', () => {
    const first = add(created(), A, '  Amara Okafor ');
    expect(first.contestants.get(A)).toMatchObject({ name: 'Amara Okafor', publicName: 'Contestant 1', namePending: true, slug: 'contestant-1' });
    const [added] = decideAddContestant({ contestId: C, name: 'Bola' }, B, first, [], NOW);
    expect(added.data).toMatchObject({ name: 'Bola', publicName: 'Contestant 2', slug: 'contestant-2' });
    expect(decideAddContestant({ contestId: C, name: 'Bola', slug: 'bola' }, B, first, [], NOW)[0].data.slug).toBe('bola');
  });

  it('makes a reviewer\'s name public at once (no placeholder, nothing pending)', () => {
    const state = add(created(), A, 'Amara', true);
    expect(state.contestants.get(A)).toMatchObject({ name: 'Amara', publicName: 'Amara', namePending: false, slug: 'amara' });
    expect(decideAddContestant({ contestId: C, name: 'Bola', byReviewer: true }, B, state, [], NOW)[0].data).not.toHaveProperty('publicName');
  });

  it('refuses a name or a given slug with a banned term before anything is stored, naming the field', () => {
    expect(refusal(() => decideAddContestant({ contestId: C, name: 'Buy SPAM here' }, A, created(), ['spam'], NOW))).toEqual({ code: 'VOTING.CONTENT_REFUSED', details: { field: 'name', term: 'spam' } });
    expect(refusal(() => decideAddContestant({ contestId: C, name: 'Fine', slug: 'spam-king' }, A, created(), ['spam'], NOW)).details).toEqual({ field: 'slug', term: 'spam' });
    expect(refusal(() => decideAddContestant({ contestId: C, name: '   ' }, A, created(), [], NOW)).details).toEqual({ field: 'name' });
  });

  it('queues a rename, or approves it in the same append when a reviewer renames', () => {
    const contest = add(created(), A, 'Amara');
    const pending = decideSubmitContestantName(contest, A, ' Amara N. ', [], { submissionId: S, byReviewer: false }, NOW);
    const data = { submissionId: S, contestId: C, contestantId: A, name: 'Amara N.', at: NOW.toISOString() };
    expect(pending).toEqual([{ type: 'ContestantNameSubmitted', data }]);
    expect(decideSubmitContestantName(contest, A, 'Amara N.', [], { submissionId: S, byReviewer: true }, NOW)).toEqual([
      { type: 'ContestantNameSubmitted', data },
      { type: 'ContestantNameApproved', data },
    ]);
    expect(refusal(() => decideSubmitContestantName(contest, A, 'spam', ['spam'], { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'name', term: 'spam' });
    expect(refusal(() => decideSubmitContestantName(contest, B, 'Bola', [], { submissionId: S, byReviewer: false }, NOW)).code).toBe('VOTING.CONTESTANT_NOT_FOUND');
  });

  it('reviews the name a contestant was added with under the contestant id, once', () => {
    const ids = { contestId: C, contestantId: A, submissionId: A };
    const approved = decideReviewContestantContent(fold(), ids, { approve: true }, NOW, 'Amara');
    expect(approved).toEqual([{ type: 'ContestantNameApproved', data: { ...ids, name: 'Amara', at: NOW.toISOString() } }]);
    expect(fold(...approved).approvedName).toBe('Amara');
    expect(() => decideReviewContestantContent(fold(...approved), ids, { approve: true }, NOW, 'Amara')).toThrow(DomainError);
    const rejected = decideReviewContestantContent(fold(), ids, { approve: false, reason: 'Not a name' }, NOW, 'Amara');
    expect(rejected).toEqual([{ type: 'ContestantNameRejected', data: { ...ids, reason: 'Not a name', at: NOW.toISOString() } }]);
    expect(fold(...rejected)).toMatchObject({ approvedName: null, initialNameDecided: true });
    // A name added by a reviewer (nothing pending) has nothing to review.
    expect(() => decideReviewContestantContent(fold(), ids, { approve: true }, NOW, null)).toThrow(DomainError);
  });

  it('rejects a rename and keeps the approved name', () => {
    const ids = { contestId: C, contestantId: A, submissionId: S };
    const history = fold(
      { type: 'ContestantNameApproved', data: { contestId: C, contestantId: A, submissionId: A, name: 'Amara', at: NOW.toISOString() } },
      { type: 'ContestantNameSubmitted', data: { ...ids, name: 'Am@ra!!', at: NOW.toISOString() } },
    );
    const events = decideReviewContestantContent(history, ids, { approve: false, reason: 'Spelling' }, NOW, 'Amara');
    expect(events.map((event) => event.type)).toEqual(['ContestantNameRejected']);
    const after = events.reduce(contestantContentDecider.evolve, history);
    expect(after.approvedName).toBe('Amara');
    expect(after.pending.size).toBe(0);
  });
});
