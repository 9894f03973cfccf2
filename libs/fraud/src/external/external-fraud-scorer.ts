import { BrokenCircuitError, CircuitBreakerPolicy, circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';
import { roundRisk, SignalResult } from '../signals/signal';

export interface ExternalScorerConfig {
  /** The scoring service's URL (POST, JSON); unset: no external scoring. */
  url: string;
  /** The most the vote path waits for an answer; then the internal score stands alone. */
  timeoutMs: number;
  /** Failures in a row that open the breaker (no calls while it is open). */
  breakerFailures: number;
  /** How long the breaker stays open before one trial call (half-open). */
  breakerHalfOpenMs: number;
}

/** What the scorer is told about a would-be vote (no phone number, no name). */
export interface ExternalScoreRequest {
  tenantId: string;
  userId: string;
  clientIp: string | null;
  deviceFingerprint: string | null;
}

type Outcome = 'scored' | 'timeout' | 'error' | 'breaker-open';

/**
 * The external fraud scorer behind the fraud context: one HTTP call per vote with a strict
 * timeout and a circuit breaker (cockatiel). It never throws and never waits longer than the
 * timeout: any failure becomes a factor with risk 0 whose inputs say why (`outcome`), so the
 * internal signals decide alone and the stored factors still add up to the score.
 */
export class ExternalFraudScorer {
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly config: ExternalScorerConfig) {
    this.breaker = circuitBreaker(handleAll, { halfOpenAfter: config.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(config.breakerFailures) });
  }

  get breakerState(): string {
    return String(this.breaker.state);
  }

  async score(request: ExternalScoreRequest): Promise<SignalResult> {
    const startedAt = performance.now();
    try {
      const answer = await this.breaker.execute(() => this.call(request));
      return this.factor('scored', answer.risk, answer.reason, startedAt);
    } catch (error) {
      const outcome: Outcome = error instanceof BrokenCircuitError ? 'breaker-open' : isTimeout(error) ? 'timeout' : 'error';
      return this.factor(outcome, 0, FALLBACK_REASONS[outcome], startedAt);
    }
  }

  private async call(request: ExternalScoreRequest): Promise<{ risk: number; reason: string }> {
    const response = await fetch(this.config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (!response.ok) throw new Error(`external fraud scorer answered ${response.status}`);
    return parseAnswer(await response.json());
  }

  private factor(outcome: Outcome, risk: number, reason: string, startedAt: number): SignalResult {
    return {
      signal: 'externalScore',
      risk: roundRisk(risk),
      reason,
      inputs: { outcome, latencyMs: Math.round(performance.now() - startedAt) },
      // Stored even at risk 0: an auditor sees that the scorer was asked and what came of it.
      evidence: true,
    };
  }
}

const FALLBACK_REASONS: Record<Exclude<Outcome, 'scored'>, string> = {
  timeout: 'The external scorer did not answer in time; the internal signals decided',
  error: 'The external scorer failed; the internal signals decided',
  'breaker-open': 'The external scorer is failing (circuit open, not asked); the internal signals decided',
};

/** `{ risk: 0–1, reason?: string }`; anything else is a failure (the breaker counts it). */
function parseAnswer(body: unknown): { risk: number; reason: string } {
  const answer = body as { risk?: unknown; reason?: unknown } | null;
  if (typeof answer?.risk !== 'number' || !Number.isFinite(answer.risk) || answer.risk < 0 || answer.risk > 1) throw new Error('external fraud scorer answered without a risk from 0 to 1');
  const reason = typeof answer.reason === 'string' && answer.reason.length > 0 ? answer.reason.slice(0, 200) : 'External fraud score';
  return { risk: answer.risk, reason };
}

/** fetch rejects with the signal's reason, a DOMException (not always an Error of this realm). */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
