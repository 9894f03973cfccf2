import { DomainError } from '@tally/platform';
import { ContestEvent } from '../../domain/contest.events';
import { contestDecider, ContestState, DEFAULT_CONTEST_SETTINGS } from '../../domain/contest.state';
import { decideSubmitContestantContent, MAX_BIO_LENGTH } from './submit-contestant-content.decide';

const C = '01930000-0000-7000-8000-000000000001';
const A = '01930000-0000-7000-8000-0000000000a1';
const S = '01930000-0000-7000-8000-0000000000f1';
const NOW = new Date('2026-03-01T12:00:00.000Z');

function contest(): ContestState {
  const events: ContestEvent[] = [
    {
      type: 'ContestCreated',
      data: { contestId: C, name: 'Finals', startDate: '2026-02-01T00:00:00.000Z', endDate: '2026-04-01T00:00:00.000Z', voteCap: 10, currency: 'USD', settings: DEFAULT_CONTEST_SETTINGS, createdAt: '2026-01-01T00:00:00.000Z' },
    },
    { type: 'ContestantAdded', data: { contestId: C, contestantId: A, name: 'Ada', slug: 'ada', categoryId: null, at: '2026-01-01T00:00:00.000Z' } },
  ];
  return events.reduce(contestDecider.evolve, contestDecider.initialState());
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

describe('decideSubmitContestantContent', () => {
  it('queues a trimmed bio and https media URLs', () => {
    const events = decideSubmitContestantContent(contest(), A, { bio: '  Singer from Lagos. ', mediaUrls: ['https://cdn.example.com/a.jpg'] }, ['spam'], { submissionId: S, byReviewer: false }, NOW);
    expect(events).toEqual([
      { type: 'ContestantContentSubmitted', data: { submissionId: S, contestId: C, contestantId: A, content: { bio: 'Singer from Lagos.', mediaUrls: ['https://cdn.example.com/a.jpg'] }, at: NOW.toISOString() } },
    ]);
  });

  it('refuses a media URL that is not https, naming its index', () => {
    expect(refusal(() => decideSubmitContestantContent(contest(), A, { bio: null, mediaUrls: ['https://ok.example/a.png', 'http://x.example/b.png'] }, [], { submissionId: S, byReviewer: false }, NOW))).toEqual({
      code: 'VOTING.CONTENT_REFUSED',
      details: { field: 'mediaUrls[1]' },
    });
    expect(refusal(() => decideSubmitContestantContent(contest(), A, { bio: null, mediaUrls: ['javascript:alert(1)'] }, [], { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'mediaUrls[0]' });
    expect(refusal(() => decideSubmitContestantContent(contest(), A, { bio: null, mediaUrls: ['https://user:pw@x.example/'] }, [], { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'mediaUrls[0]' });
  });

  it('refuses a bio over the limit and one with a banned term (case-insensitive), naming the field and term', () => {
    expect(refusal(() => decideSubmitContestantContent(contest(), A, { bio: 'x'.repeat(MAX_BIO_LENGTH + 1), mediaUrls: [] }, [], { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'bio' });
    expect(refusal(() => decideSubmitContestantContent(contest(), A, { bio: 'Buy CHEAP Pills now', mediaUrls: [] }, ['cheap pills'], { submissionId: S, byReviewer: false }, NOW)).details).toEqual({ field: 'bio', term: 'cheap pills' });
  });

  it('refuses an unknown event or contestant', () => {
    expect(refusal(() => decideSubmitContestantContent(contestDecider.initialState(), A, { bio: 'hi', mediaUrls: [] }, [], { submissionId: S, byReviewer: false }, NOW)).code).toBe('VOTING.EVENT_NOT_FOUND');
    expect(refusal(() => decideSubmitContestantContent(contest(), S, { bio: 'hi', mediaUrls: [] }, [], { submissionId: S, byReviewer: false }, NOW)).code).toBe('VOTING.CONTESTANT_NOT_FOUND');
  });
});
