import fc from 'fast-check';
import { byNameThenId, competitionRank } from '@tally/voting';
import { blendScores } from '../domain/blend';
import { ContestFacts } from '../domain/contest-facts';
import { CALCULATION_METHODS, PHASE_NAMES } from '../domain/judging.events';
import { computeJury, JuryScore } from '../domain/jury-scores';
import { normaliseJudgeValues } from '../domain/normalisation';
import { rankContestants } from './scoring-ranking';

const RUNS = { numRuns: 300, seed: 20261204 };
const method = fc.constantFrom(...CALCULATION_METHODS);
/** A scale and some values on it (a judge's scores of one type). */
const scaleAndValues = fc
  .tuple(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: 0.5, max: 1000, noNaN: true }))
  .chain(([min, span]) => fc.record({ min: fc.constant(min), max: fc.constant(min + span), values: fc.array(fc.double({ min, max: min + span, noNaN: true }), { minLength: 1, maxLength: 12 }) }));

describe('scoring properties', () => {
  it('normalisation maps every judge’s scores into 0–100, whatever the method and scale', () => {
    fc.assert(
      fc.property(method, scaleAndValues, (m, { min, max, values }) => {
        expect(normaliseJudgeValues(m, { min, max }, values).filter((value) => !(value >= 0 && value <= 100))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('z-score and rank-based normalisation cancel a harsh or lenient judge (the same order, shifted and stretched, gives the same scores)', () => {
    fc.assert(
      fc.property(fc.constantFrom('z-score' as const, 'rank-based' as const), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 10 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -20, max: 20 }), (m, values, stretch, shift) => {
        const lenient = normaliseJudgeValues(m, { min: -1000, max: 1000 }, values);
        const harsh = normaliseJudgeValues(m, { min: -1000, max: 1000 }, values.map((v) => v * stretch + shift));
        expect(harsh.filter((value, i) => Math.abs(value - lenient[i]) > 1e-9)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('every type, phase and jury score of random juries over random phases is within 0–100', () => {
    const contestants = ['c1', 'c2', 'c3', 'c4'];
    const types = fc.array(fc.record({ method, min: fc.integer({ min: -10, max: 10 }), span: fc.integer({ min: 1, max: 100 }), weight: fc.double({ min: 0.1, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(types, fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 4 }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (defs, carryOver, adjustments, fractions) => {
        const scoreTypes = defs.map((d, i) => ({ scoreTypeId: `t${i}`, scaleMin: d.min, scaleMax: d.min + d.span, weight: d.weight, calculationMethod: d.method }));
        const scores: JuryScore[] = [];
        for (const phase of PHASE_NAMES.slice(0, 2)) {
          for (const judgeId of ['j1', 'j2', 'j3']) {
            for (const contestantId of contestants) {
              for (const type of scoreTypes) scores.push({ phase, judgeId, contestantId, scoreTypeId: type.scoreTypeId, value: type.scaleMin + fractions.next().value * (type.scaleMax - type.scaleMin) });
            }
          }
        }
        const result = computeJury({
          scoreTypes,
          phases: [
            { phase: 'preliminary', carryOver: 0, weights: {} },
            { phase: 'semi-final', carryOver, weights: {} },
          ],
          scores,
          adjustments: adjustments.map((points, i) => ({ phase: i % 2 === 0 ? 'preliminary' : 'semi-final', contestantId: contestants[i % 4], points })),
        });
        const all = [...result.types.map((t) => t.normalised), ...result.phases.flatMap((p) => [p.adjusted, p.cumulative]), ...result.jury.values()];
        expect(all.filter((value) => !(value >= 0 && value <= 100))).toEqual([]);
        expect(result.jury.size).toBe(contestants.length);
      }),
      RUNS,
    );
  });

  it('the blend is monotonic in each input: more jury score, more votes or a heavier category never lowers a contestant’s score', () => {
    const entry = fc.record({ juryScore: fc.double({ min: 0, max: 100, noNaN: true }), votes: fc.integer({ min: 0, max: 10_000 }), categoryWeight: fc.double({ min: 0, max: 10, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        fc.nat(5),
        fc.record({ juryWeight: fc.integer({ min: 0, max: 100 }), publicWeight: fc.integer({ min: 0, max: 100 }) }).filter((w) => w.juryWeight + w.publicWeight > 0),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (raw, pick, weights, moreJury, moreVotes, moreWeight) => {
          const entries = raw.map((e, i) => ({ ...e, contestantId: `c${i}` }));
          const i = pick % entries.length;
          const before = blendScores(entries, weights)[i].score;
          const bump = (change: Partial<(typeof entries)[number]>) => blendScores(entries.map((e, j) => (j === i ? { ...e, ...change } : e)), weights)[i].score;
          expect(bump({ juryScore: Math.min(100, entries[i].juryScore + moreJury) })).toBeGreaterThanOrEqual(before);
          expect(bump({ votes: entries[i].votes + moreVotes })).toBeGreaterThanOrEqual(before);
          expect(bump({ categoryWeight: entries[i].categoryWeight + moreWeight })).toBeGreaterThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('ties rank as on the vote leaderboard: public-only blends rank exactly as the votes do, equal scores share a rank and the next skips', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('Ada', 'Bob', 'Cy', 'Dee'), votes: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 8 }), (raw) => {
        const people = raw.map((p, i) => ({ ...p, contestantId: `0190a6f4-0000-7000-8000-${String(i).padStart(12, '0')}` }));
        const contest: ContestFacts = { contestId: 'e', status: 'open', contestants: new Map(people.map((p) => [p.contestantId, { name: p.name, categoryId: null }])), categoryWeights: new Map() };
        const votes = new Map(people.map((p) => [p.contestantId, p.votes]));
        const blended = rankContestants('blended', contest, new Map(), votes, { juryWeight: 0, publicWeight: 1 });
        const leaderboard = competitionRank(people, byNameThenId);
        expect(blended.map((r) => [r.rank, r.contestantId])).toEqual(leaderboard.map((r) => [r.rank, r.contestantId]));
        blended.forEach((r, k) => {
          if (k > 0 && r.score === blended[k - 1].score) expect(r.rank).toBe(blended[k - 1].rank);
          if (k > 0 && r.score !== blended[k - 1].score) expect(r.rank).toBe(k + 1);
        });
      }),
      RUNS,
    );
  });
});
