import { DomainError } from '@tally/platform';
import { contestantContentDecider, ContestantContentEvent, ContestantContentState } from '../../domain/contestant-content';
import { decideReviewContestantContent } from './review-contestant-content.decide';

const ids = { contestId: 'c1', contestantId: 'a1', submissionId: 's1' };
const NOW = new Date('2026-03-01T12:00:00.000Z');
const content = { bio: 'Singer', mediaUrls: ['https://cdn.example.com/a.jpg'] };

function fold(...events: ContestantContentEvent[]): ContestantContentState {
  return events.reduce(contestantContentDecider.evolve, contestantContentDecider.initialState());
}

const submitted: ContestantContentEvent = { type: 'ContestantContentSubmitted', data: { ...ids, content, at: NOW.toISOString() } };

describe('decideReviewContestantContent', () => {
  it('approves a pending submission with its content, which becomes the approved content', () => {
    const events = decideReviewContestantContent(fold(submitted), ids, { approve: true }, NOW);
    expect(events).toEqual([{ type: 'ContestantContentApproved', data: { ...ids, content, at: NOW.toISOString() } }]);
    const after = fold(submitted, ...events);
    expect(after.approved).toEqual(content);
    expect(after.pending.size).toBe(0);
  });

  it('rejects with the reason and keeps the earlier approved content', () => {
    const earlier = { bio: 'Old', mediaUrls: [] };
    const state = fold(
      { type: 'ContestantContentSubmitted', data: { ...ids, submissionId: 's0', content: earlier, at: NOW.toISOString() } },
      { type: 'ContestantContentApproved', data: { ...ids, submissionId: 's0', content: earlier, at: NOW.toISOString() } },
      submitted,
    );
    const events = decideReviewContestantContent(state, ids, { approve: false, reason: 'Offensive' }, NOW);
    expect(events).toEqual([{ type: 'ContestantContentRejected', data: { ...ids, reason: 'Offensive', at: NOW.toISOString() } }]);
    expect(fold(submitted, ...events).approved).toBeNull();
    expect([...events].reduce(contestantContentDecider.evolve, state).approved).toEqual(earlier);
  });

  it('refuses a submission that is unknown or already decided', () => {
    const decided = fold(submitted, { type: 'ContestantContentRejected', data: { ...ids, reason: 'no', at: NOW.toISOString() } });
    for (const state of [fold(), decided]) {
      expect(() => decideReviewContestantContent(state, ids, { approve: true }, NOW)).toThrow(DomainError);
    }
  });
});
