import fc from 'fast-check';
import { FraudSettings, SIGNAL_NAMES, SignalName } from '../domain/fraud.events';
import { DEFAULT_FRAUD_SETTINGS } from '../domain/fraud-settings';
import { SignalResult } from '../signals/signal';
import { DECISION_SEVERITY, decideFraud } from './fraud-decision';
import { aggregateRisk, scoreOf, storedScreening } from './risk-score';

const weight = fc.integer({ min: 0, max: 100 });
const settingsArb: fc.Arbitrary<FraudSettings> = fc
  .tuple(fc.record(Object.fromEntries(SIGNAL_NAMES.map((s) => [s, weight])) as Record<SignalName, fc.Arbitrary<number>>), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([weights, a, b]) => ({ weights, holdAt: Math.min(a, b), rejectAt: Math.max(a, b) }));
const riskArb = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const signalsArb: fc.Arbitrary<SignalResult[]> = fc
  .subarray([...SIGNAL_NAMES, 'externalScore' as const], { minLength: 0 })
  .chain((names) => fc.tuple(...names.map((signal) => fc.tuple(riskArb, fc.boolean()).map(([risk, evidence]): SignalResult => ({ signal, risk, reason: 'generated', inputs: { risk }, evidence })))));

describe('risk aggregation and the decision engine (properties)', () => {
  it('the decision is monotonic in the score: a higher score is never a milder decision', () => {
    fc.assert(
      fc.property(settingsArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (settings, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(DECISION_SEVERITY[decideFraud(low, settings)]).toBeLessThanOrEqual(DECISION_SEVERITY[decideFraud(high, settings)]);
      }),
      { seed: 1313, numRuns: 2000 },
    );
  });

  it('every decision’s stored factors reproduce its score and its decision exactly (also after a JSON round trip)', () => {
    fc.assert(
      fc.property(settingsArb, signalsArb, weight, (settings, signals, externalWeight) => {
        const scored = aggregateRisk(signals, settings, externalWeight);
        // What a decision stores: only the factors that added points or carry evidence.
        const stored = JSON.parse(JSON.stringify(storedScreening(scored, signals))) as typeof scored;
        expect(stored.score).toBe(scored.score);
        expect(scoreOf(stored.factors)).toBe(scored.score);
        expect(decideFraud(scoreOf(stored.factors), settings)).toBe(stored.decision);
        for (const factor of stored.factors) expect(factor.contribution).toBe(Math.round(factor.weight * factor.risk));
        expect(scored.score).toBeGreaterThanOrEqual(0);
        expect(scored.score).toBeLessThanOrEqual(100);
      }),
      { seed: 1314, numRuns: 2000 },
    );
  });

  it('more risk on any signal never lowers the score', () => {
    fc.assert(
      fc.property(settingsArb, signalsArb, fc.nat(), riskArb, weight, (settings, signals, pick, extra, externalWeight) => {
        fc.pre(signals.length > 0);
        const i = pick % signals.length;
        const riskier = signals.map((s, j) => (j === i ? { ...s, risk: Math.min(1, Math.round((s.risk + extra) * 1000) / 1000) } : s));
        expect(aggregateRisk(riskier, settings, externalWeight).score).toBeGreaterThanOrEqual(aggregateRisk(signals, settings, externalWeight).score);
      }),
      { seed: 1315, numRuns: 1000 },
    );
  });

  it('uses Radar-like defaults: 64 accepted, 65 held, 75 rejected', () => {
    expect([64, 65, 74, 75, 100].map((s) => decideFraud(s, DEFAULT_FRAUD_SETTINGS))).toEqual(['accept', 'hold', 'hold', 'reject', 'reject']);
  });

  it('stores the factors that added points and those carrying evidence, not the signals that saw nothing', () => {
    const signals: SignalResult[] = [
      { signal: 'ipVelocity', risk: 0, reason: 'ordinary traffic', inputs: { votesInWindow: 2 }, evidence: true },
      { signal: 'deviceSharing', risk: 0, reason: 'no device fingerprint sent', inputs: { deviceHash: null } },
      { signal: 'phoneReputation', risk: 0.2, reason: 'no phone', inputs: { type: 'NONE' } },
      { signal: 'paymentRisk', risk: 0.001, reason: 'rounds to nothing', inputs: {} },
    ];
    const stored = storedScreening(aggregateRisk(signals, DEFAULT_FRAUD_SETTINGS), signals);
    expect(stored.factors.map((f) => [f.signal, f.contribution])).toEqual([
      ['ipVelocity', 0],
      ['phoneReputation', 6],
    ]);
    expect(stored).toMatchObject({ score: 6, decision: 'accept' });
  });

  it('explains a score: the factors name each signal with its weight and points', () => {
    const scored = aggregateRisk(
      [
        { signal: 'ipVelocity', risk: 1, reason: 'ten accounts', inputs: {} },
        { signal: 'votePattern', risk: 0.5, reason: 'rhythm', inputs: {} },
      ],
      DEFAULT_FRAUD_SETTINGS,
    );
    expect(scored).toMatchObject({ score: 63, decision: 'accept', factors: [{ signal: 'ipVelocity', weight: 40, contribution: 40 }, { signal: 'votePattern', weight: 45, contribution: 23 }] });
  });
});
