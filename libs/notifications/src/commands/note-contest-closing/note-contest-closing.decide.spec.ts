import { contestNoticeDecider } from '../../domain/contest-notice.state';
import { decideNoteContestClosing } from './note-contest-closing.decide';

const now = new Date('2026-03-31T23:10:00.000Z');
const input = { contestId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60', name: 'Finals', endDate: '2026-04-01T00:00:00Z' };

describe('decideNoteContestClosing', () => {
  it('notes an event closing soon once per end date', () => {
    const first = decideNoteContestClosing(input, contestNoticeDecider.initialState(), now);
    expect(first).toEqual([{ type: 'ContestClosingSoon', data: { ...input, endDate: '2026-04-01T00:00:00.000Z', at: now.toISOString() } }]);
    const after = first.reduce(contestNoticeDecider.evolve, contestNoticeDecider.initialState());
    expect(decideNoteContestClosing(input, after, now)).toEqual([]);
  });

  it('notes it again when the end date moved', () => {
    const after = decideNoteContestClosing(input, contestNoticeDecider.initialState(), now).reduce(contestNoticeDecider.evolve, contestNoticeDecider.initialState());
    expect(decideNoteContestClosing({ ...input, endDate: '2026-04-02T00:00:00Z' }, after, now)).toHaveLength(1);
  });
});
