import { DomainError } from '@tally/platform';
import { contestantContentDecider, ContestantContentEvent, ContestantContentState, nameShownBy } from '../../domain/contestant-content';
import { ContestEvent } from '../../domain/contest.events';
import { contestDecider, ContestState, DEFAULT_CONTEST_SETTINGS } from '../../domain/contest.state';
import { NameModeration, NamePolicy } from '../../domain/name-moderation';
import { decideAddContestant } from '../add-contestant/add-contestant.decide';
import { decideReviewContestantContent } from '../review-contestant-content/review-contestant-content.decide';
import { decideSubmitContestantName } from './submit-contestant-name.decide';

const C = '01930000-0000-7000-8000-000000000001';
const A = '01930000-0000-7000-8000-0000000000a1';
const B = '01930000-0000-7000-8000-0000000000b2';
const S = '01930000-0000-7000-8000-0000000000f1';
const S2 = '01930000-0000-7000-8000-0000000000f2';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const AT = NOW.toISOString();
const policy = (moderation: NameModeration, bannedTerms: string[] = []): NamePolicy => ({ bannedTerms, moderation });

function created(): ContestState {
  const event: ContestEvent = {
    type: 'ContestCreated',
    data: { contestId: C, name: 'Finals', startDate: '2026-02-01T00:00:00.000Z', endDate: '2026-04-01T00:00:00.000Z', voteCap: 10, currency: 'USD', settings: DEFAULT_CONTEST_SETTINGS, createdAt: '2026-01-01T00:00:00.000Z' },
  };
  return contestDecider.evolve(contestDecider.initialState(), event);
}

function add(state: ContestState, contestantId: string, name: string, moderation: NameModeration = 'post', byReviewer = false): ContestState {
  return decideAddContestant({ contestId: C, name, byReviewer }, contestantId, state, policy(moderation, ['spam']), NOW).reduce(contestDecider.evolve, state);
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
/** Appends what a decision returns to a contestant's stream. */
const then = (state: ContestantContentState, events: readonly ContestantContentEvent[]) => events.reduce(contestantContentDecider.evolve, state);
/** What the public reads show, as they compute it: the name moderation last showed (contestant_names), else the add's public name (contestants.name). */
function shownName(contest: ContestState, contestantId: string, events: readonly ContestantContentEvent[]): string {
  const shown = events.map(nameShownBy).filter((name) => name !== undefined).pop();
  return shown?.name ?? contest.contestants.get(contestantId)!.publicName;
}
const review = (state: ContestantContentState, contest: ContestState, submissionId: string, approve: boolean) =>
  decideReviewContestantContent(state, { contestId: C, contestantId: A, submissionId }, approve ? { approve: true } : { approve: false, reason: 'No' }, NOW, contest.contestants.get(A));

describe('contestant names under moderation', () => {
  it('post-moderation (the default): the name is public at once, its slug made from it, and queued for review', () => {
    const first = add(created(), A, '  Amara Okafor ');
    expect(first.contestants.get(A)).toMatchObject({ name: 'Amara Okafor', publicName: 'Amara Okafor', nameReview: 'post', placeholder: 'Contestant 1', slug: 'amara-okafor' });
    const [added] = decideAddContestant({ contestId: C, name: 'Bola' }, B, first, policy('post'), NOW);
    expect(added.data).toEqual({ contestId: C, contestantId: B, name: 'Bola', slug: 'bola', categoryId: null, at: AT, nameModeration: 'post' });
  });

  it('pre-moderation: the public sees "Contestant <n>", its number in the event, and the slug does not show the name', () => {
    const first = add(created(), A, '  Amara Okafor ', 'pre');
    expect(first.contestants.get(A)).toMatchObject({ name: 'Amara Okafor', publicName: 'Contestant 1', nameReview: 'pre', placeholder: 'Contestant 1', slug: 'contestant-1' });
    const [added] = decideAddContestant({ contestId: C, name: 'Bola' }, B, first, policy('pre'), NOW);
    expect(added.data).toMatchObject({ name: 'Bola', publicName: 'Contestant 2', nameModeration: 'pre', slug: 'contestant-2' });
    expect(decideAddContestant({ contestId: C, name: 'Bola', slug: 'bola' }, B, first, policy('pre'), NOW)[0].data.slug).toBe('bola');
  });

  it('makes a reviewer\'s name public at once with nothing to review, in either mode', () => {
    for (const moderation of ['pre', 'post'] as const) {
      const state = add(created(), A, 'Amara', moderation, true);
      expect(state.contestants.get(A)).toMatchObject({ name: 'Amara', publicName: 'Amara', nameReview: null, slug: 'amara' });
      const [added] = decideAddContestant({ contestId: C, name: 'Bola', byReviewer: true }, B, state, policy(moderation), NOW);
      expect(added.data).not.toHaveProperty('publicName');
      expect(added.data).not.toHaveProperty('nameModeration');
      expect(() => review(fold(), state, A, true)).toThrow(DomainError);
    }
  });

  it('folds events stored before the setting as they were: a publicName was pre-moderated, none was public and unreviewed', () => {
    const legacy = (contestantId: string, publicName?: string): ContestEvent => ({
      type: 'ContestantAdded',
      data: { contestId: C, contestantId, name: 'Old', slug: `old-${contestantId.slice(-2)}`, categoryId: null, at: AT, ...(publicName ? { publicName } : {}) },
    });
    const state = [legacy(A, 'Contestant 1'), legacy(B)].reduce(contestDecider.evolve, created());
    expect(state.contestants.get(A)).toMatchObject({ publicName: 'Contestant 1', nameReview: 'pre', placeholder: 'Contestant 1' });
    expect(state.contestants.get(B)).toMatchObject({ publicName: 'Old', nameReview: null, placeholder: 'Contestant 2' });
    // Its review is recorded as pre-moderated: the approved name shows, as before.
    const approved = review(fold(), state, A, true);
    expect(approved).toEqual([{ type: 'ContestantNameApproved', data: { contestId: C, contestantId: A, submissionId: A, name: 'Old', at: AT, moderation: 'pre' } }]);
    expect(shownName(state, A, approved)).toBe('Old');
    // A stored approval and rejection without a mode show as they did: the approval shows, the rejection changes nothing.
    expect(nameShownBy({ type: 'ContestantNameApproved', data: { contestId: C, contestantId: A, submissionId: A, name: 'Old', at: AT } })).toEqual({ submissionId: A, name: 'Old' });
    expect(nameShownBy({ type: 'ContestantNameRejected', data: { contestId: C, contestantId: A, submissionId: A, reason: 'No', at: AT } })).toBeUndefined();
    expect(nameShownBy({ type: 'ContestantNameSubmitted', data: { contestId: C, contestantId: A, submissionId: S, name: 'New', at: AT } })).toBeUndefined();
  });

  it('refuses a name or a given slug with a banned term before anything is stored, naming the field', () => {
    expect(refusal(() => decideAddContestant({ contestId: C, name: 'Buy SPAM here' }, A, created(), policy('post', ['spam']), NOW))).toEqual({ code: 'VOTING.CONTENT_REFUSED', details: { field: 'name', term: 'spam' } });
    expect(refusal(() => decideAddContestant({ contestId: C, name: 'Fine', slug: 'spam-king' }, A, created(), policy('pre', ['spam']), NOW)).details).toEqual({ field: 'slug', term: 'spam' });
    expect(refusal(() => decideAddContestant({ contestId: C, name: '   ' }, A, created(), policy('post'), NOW)).details).toEqual({ field: 'name' });
  });

  it('records the mode of a rename (post shows at once, pre waits), or approves a reviewer\'s own in the same append', () => {
    const contest = add(created(), A, 'Amara');
    const data = { submissionId: S, contestId: C, contestantId: A, name: 'Amara N.', at: AT };
    const post = decideSubmitContestantName(contest, A, ' Amara N. ', policy('post'), { submissionId: S, byReviewer: false }, NOW);
    expect(post).toEqual([{ type: 'ContestantNameSubmitted', data: { ...data, moderation: 'post' } }]);
    expect(shownName(contest, A, post)).toBe('Amara N.');
    const pre = decideSubmitContestantName(contest, A, 'Amara N.', policy('pre'), { submissionId: S, byReviewer: false }, NOW);
    expect(pre).toEqual([{ type: 'ContestantNameSubmitted', data: { ...data, moderation: 'pre' } }]);
    expect(shownName(contest, A, pre)).toBe('Amara');
    const own = decideSubmitContestantName(contest, A, 'Amara N.', policy('pre'), { submissionId: S, byReviewer: true }, NOW);
    expect(own).toEqual([
      { type: 'ContestantNameSubmitted', data },
      { type: 'ContestantNameApproved', data },
    ]);
    expect(shownName(contest, A, own)).toBe('Amara N.');
    expect(refusal(() => decideSubmitContestantName(contest, A, 'spam', policy('post', ['spam']), { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'name', term: 'spam' });
    expect(refusal(() => decideSubmitContestantName(contest, B, 'Bola', policy('post'), { submissionId: S, byReviewer: false }, NOW)).code).toBe('VOTING.CONTESTANT_NOT_FOUND');
  });

  it('post: an approved name stays, a rejected one is taken down to "Contestant <n>"', () => {
    const contest = add(add(created(), B, 'Bola'), A, 'Amara');
    const approved = review(fold(), contest, A, true);
    expect(approved).toEqual([{ type: 'ContestantNameApproved', data: { contestId: C, contestantId: A, submissionId: A, name: 'Amara', at: AT, moderation: 'post' } }]);
    expect(nameShownBy(approved[0])).toBeUndefined();
    expect(shownName(contest, A, approved)).toBe('Amara');
    expect(() => review(then(fold(), approved), contest, A, false)).toThrow(DomainError);

    const rejected = review(fold(), contest, A, false);
    expect(rejected).toEqual([
      { type: 'ContestantNameRejected', data: { contestId: C, contestantId: A, submissionId: A, reason: 'No', at: AT, moderation: 'post', shownInstead: { submissionId: null, name: 'Contestant 2' } } },
    ]);
    expect(shownName(contest, A, rejected)).toBe('Contestant 2');
    expect(then(fold(), rejected)).toMatchObject({ initialName: 'rejected', shown: { submissionId: null, name: 'Contestant 2' } });
  });

  it('post: a rejected rename is taken down to the last good name, a rename no longer shown to nothing', () => {
    const contest = add(created(), A, 'Amara');
    const history: ContestantContentEvent[] = [];
    const append = (events: readonly ContestantContentEvent[]) => history.push(...events);
    append(decideSubmitContestantName(contest, A, 'Amara O.', policy('post'), { submissionId: S, byReviewer: false }, NOW));
    append(decideSubmitContestantName(contest, A, 'Am@ra', policy('post'), { submissionId: S2, byReviewer: false }, NOW));
    expect(shownName(contest, A, history)).toBe('Am@ra');
    // The earlier rename is not what the public sees: rejecting it takes nothing down.
    const first = review(fold(...history), contest, S, false);
    expect(first[0].data).not.toHaveProperty('shownInstead');
    append(first);
    expect(shownName(contest, A, history)).toBe('Am@ra');
    // The shown one falls back past the rejected rename to the added name (public while it waits).
    const second = review(fold(...history), contest, S2, false);
    expect(second[0].data).toMatchObject({ shownInstead: { submissionId: A, name: 'Amara' } });
    append(second);
    expect(shownName(contest, A, history)).toBe('Amara');
    // Then the added name itself is rejected: the number.
    const third = review(fold(...history), contest, A, false);
    expect(third[0].data).toMatchObject({ shownInstead: { submissionId: null, name: 'Contestant 1' } });
    append(third);
    expect(shownName(contest, A, history)).toBe('Contestant 1');
  });

  it('pre: reviews the name a contestant was added with under the contestant id, once; a rejection keeps the number', () => {
    const contest = add(created(), A, 'Amara', 'pre');
    const ids = { contestId: C, contestantId: A, submissionId: A };
    const approved = review(fold(), contest, A, true);
    expect(approved).toEqual([{ type: 'ContestantNameApproved', data: { ...ids, name: 'Amara', at: AT, moderation: 'pre' } }]);
    expect(fold(...approved).approvedName).toBe('Amara');
    expect(shownName(contest, A, approved)).toBe('Amara');
    expect(() => review(fold(...approved), contest, A, true)).toThrow(DomainError);
    const rejected = review(fold(), contest, A, false);
    expect(rejected).toEqual([{ type: 'ContestantNameRejected', data: { ...ids, reason: 'No', at: AT, moderation: 'pre' } }]);
    expect(fold(...rejected)).toMatchObject({ approvedName: null, initialName: 'rejected' });
    expect(shownName(contest, A, rejected)).toBe('Contestant 1');
  });

  it('pre: rejects a rename and keeps the approved name (events stored before the setting too)', () => {
    const contest = add(created(), A, 'Amara', 'pre');
    const ids = { contestId: C, contestantId: A, submissionId: S };
    const history: ContestantContentEvent[] = [
      { type: 'ContestantNameApproved', data: { contestId: C, contestantId: A, submissionId: A, name: 'Amara', at: AT } },
      { type: 'ContestantNameSubmitted', data: { ...ids, name: 'Am@ra!!', at: AT } },
    ];
    const events = review(fold(...history), contest, S, false);
    expect(events).toEqual([{ type: 'ContestantNameRejected', data: { ...ids, reason: 'No', at: AT } }]);
    const after = then(fold(...history), events);
    expect(after.approvedName).toBe('Amara');
    expect(after.pending.size).toBe(0);
    expect(shownName(contest, A, [...history, ...events])).toBe('Amara');
  });
});
