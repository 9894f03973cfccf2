import { rankWatchStep } from './rank-watch';

const now = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;

describe('rankWatchStep', () => {
  it('remembers the first rank of a favourite (and of a new favourite) without a notice', () => {
    expect(rankWatchStep({ contestantId: 'c1', watched: null, userLastNoticeAt: null }, 3, now, minutes(30))).toEqual({ action: 'baseline', rank: 3 });
    expect(rankWatchStep({ contestantId: 'c2', watched: { contestantId: 'c1', lastRank: 3 }, userLastNoticeAt: null }, 1, now, minutes(30))).toEqual({ action: 'baseline', rank: 1 });
  });

  it('tells a move, from the rank last announced', () => {
    expect(rankWatchStep({ contestantId: 'c1', watched: { contestantId: 'c1', lastRank: 3 }, userLastNoticeAt: null }, 1, now, minutes(30))).toEqual({ action: 'notify', from: 3, to: 1 });
    expect(rankWatchStep({ contestantId: 'c1', watched: { contestantId: 'c1', lastRank: 3 }, userLastNoticeAt: null }, 3, now, minutes(30))).toEqual({ action: 'unchanged' });
  });

  it('holds a move back while the voter heard of one less than the interval ago, then tells it', () => {
    const watched = { contestantId: 'c1', lastRank: 1 };
    expect(rankWatchStep({ contestantId: 'c1', watched, userLastNoticeAt: new Date(now.getTime() - minutes(29)) }, 2, now, minutes(30))).toEqual({ action: 'wait' });
    expect(rankWatchStep({ contestantId: 'c1', watched, userLastNoticeAt: new Date(now.getTime() - minutes(30)) }, 2, now, minutes(30))).toEqual({ action: 'notify', from: 1, to: 2 });
  });
});
