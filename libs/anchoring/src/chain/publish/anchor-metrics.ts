import { Injectable, Optional } from '@nestjs/common';
import { TallyMetrics } from '@tally/observability';
import { Counter, Gauge } from 'prom-client';
import { AnchorFailure, BlockchainAnchors } from './blockchain-anchors';

/**
 * tally_anchor_failures_total{chain,reason}: every failed anchoring attempt, counted where it
 * happened (alerts.yml AnchorFailures); tally_anchors{chain,status} and
 * tally_anchor_oldest_unconfirmed_seconds{chain}, read from blockchain_anchors at scrape time
 * (AnchorsUnconfirmed), so any process serving /metrics reports them.
 */
@Injectable()
export class AnchorMetrics {
  private readonly failures: Counter<'chain' | 'reason'> | undefined;

  constructor(anchors: BlockchainAnchors, @Optional() metrics?: TallyMetrics) {
    if (!metrics) return;
    const registers = [metrics.registry];
    this.failures = new Counter({ name: 'tally_anchor_failures_total', help: 'Failed attempts to anchor a signed tree head on the chain, by chain and reason (unreachable, dropped, reorged, reverted, mismatch)', labelNames: ['chain', 'reason'] as const, registers });
    const counts = new Gauge({ name: 'tally_anchors', help: 'Anchors in blockchain_anchors by chain and status (pending, sent, confirmed)', labelNames: ['chain', 'status'] as const, registers });
    new Gauge({
      name: 'tally_anchor_oldest_unconfirmed_seconds',
      help: 'Age of the oldest anchor not yet confirmed on the chain, by chain (0: none waiting)',
      labelNames: ['chain'] as const,
      registers,
      async collect() {
        // A database that does not answer leaves both gauges empty rather than failing the scrape.
        const summary = await anchors.summary().catch(() => []);
        counts.reset();
        this.reset();
        const oldest = new Map<string, number>();
        for (const row of summary) {
          counts.set({ chain: row.chain, status: row.status }, row.count);
          oldest.set(row.chain, Math.max(oldest.get(row.chain) ?? 0, row.status === 'confirmed' ? 0 : row.oldestSeconds));
        }
        for (const [chain, seconds] of oldest) this.set({ chain }, seconds);
      },
    });
  }

  failed(chain: string, reason: AnchorFailure): void {
    this.failures?.inc({ chain, reason });
  }
}
