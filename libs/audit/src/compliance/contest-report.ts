import type { ContestAnchorsSummary } from '@tally/anchoring';

/** What a contest's compliance report is built from (the readers' figures). */
export interface ContestFigures {
  contestId: string;
  tenantId: string;
  name: string;
  status: string;
  byStatus: Record<string, { count: number; votes: number }>;
  tally: number;
  payments: { currency: string; gross: number; refunded: number; net: number; payments: number }[];
  /** Fraud decisions from the audit trail: event type → how many. */
  fraudDecisions: Record<string, number>;
  /** The contest log's newest signed head and its anchors on a chain (anchoring's CONTEST_ANCHORS). */
  anchors: ContestAnchorsSummary;
}

export interface Reconciliation {
  /** Every vote cast (amounts), whatever became of it. */
  cast: number;
  refunded: number;
  voided: number;
  /** Held for review (not counted yet) and rejected after review (never counted). */
  held: number;
  rejected: number;
  /** cast − refunded − voided − rejected − held. */
  expectedTally: number;
  /** What the leaderboard counts. */
  tally: number;
  reconciles: boolean;
}

export interface ContestReport extends ContestFigures {
  kind: 'contest';
  reconciliation: Reconciliation;
}

/** votes − refunds − voided (− rejected − held) = tally: the check an auditor runs first. */
export function reconcile(figures: Pick<ContestFigures, 'byStatus' | 'tally'>): Reconciliation {
  const amount = (status: string) => figures.byStatus[status]?.votes ?? 0;
  const cast = Object.values(figures.byStatus).reduce((sum, entry) => sum + entry.votes, 0);
  const expectedTally = cast - amount('refunded') - amount('voided') - amount('rejected') - amount('held');
  return {
    cast,
    refunded: amount('refunded'),
    voided: amount('voided'),
    held: amount('held'),
    rejected: amount('rejected'),
    expectedTally,
    tally: figures.tally,
    reconciles: expectedTally === figures.tally,
  };
}

export function contestReport(figures: ContestFigures): ContestReport {
  return { kind: 'contest', ...figures, reconciliation: reconcile(figures) };
}

/** One `section, key, value` row per figure of a report: nested keys joined with dots under their top-level section. */
export function reportRows(report: object): [section: string, key: string, value: string][] {
  const rows: [string, string, string][] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
      return;
    }
    const dot = prefix.indexOf('.');
    const section = dot === -1 ? prefix : prefix.slice(0, dot);
    const key = dot === -1 ? '' : prefix.slice(dot + 1);
    const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
    rows.push([section, key, text]);
  };
  walk('', report);
  return rows;
}

/** The report as CSV: one `section,key,value` row per figure (RFC 4180 quoting). */
export function reportCsv(report: object): string {
  const lines = ['section,key,value', ...reportRows(report).map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
