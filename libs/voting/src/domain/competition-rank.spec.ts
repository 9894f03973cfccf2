import { competitionRank } from './competition-rank';

describe('competitionRank', () => {
  it('gives ties the same rank and skips the next ones', () => {
    const ranked = competitionRank(
      [
        { id: 'd', votes: 1 },
        { id: 'a', votes: 5 },
        { id: 'c', votes: 3 },
        { id: 'b', votes: 5 },
        { id: 'e', votes: 1 },
      ],
      (x, y) => x.id.localeCompare(y.id),
    );
    expect(ranked.map((r) => `${r.id}:${r.rank}`)).toEqual(['a:1', 'b:1', 'c:3', 'd:4', 'e:4']);
  });

  it('ranks an empty list as empty and a single entry first', () => {
    expect(competitionRank([], () => 0)).toEqual([]);
    expect(competitionRank([{ votes: 0 }], () => 0)).toEqual([{ votes: 0, rank: 1 }]);
  });
});
