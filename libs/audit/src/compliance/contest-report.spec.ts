import { contestReport, reconcile, reportCsv } from './contest-report';

const byStatus = {
  accepted: { count: 3, votes: 10 },
  refunded: { count: 1, votes: 1 },
  voided: { count: 1, votes: 4 },
  held: { count: 1, votes: 2 },
  rejected: { count: 0, votes: 0 },
};

describe('contest compliance report', () => {
  it('reconciles votes − refunds − voided (− held, rejected) with the tally', () => {
    expect(reconcile({ byStatus, tally: 10 })).toEqual({ cast: 17, refunded: 1, voided: 4, held: 2, rejected: 0, expectedTally: 10, tally: 10, reconciles: true });
    expect(reconcile({ byStatus, tally: 11 }).reconciles).toBe(false);
  });

  it('renders CSV rows per figure, quoting and defusing spreadsheet formulas', () => {
    const report = contestReport({ contestId: 'c1', tenantId: 't1', name: '=HYPERLINK("x"), "Gala"', status: 'open', byStatus, tally: 10, payments: [], fraudDecisions: { VoteVoided: 1 }, anchors: { latestHead: null, anchors: [] } });
    const csv = reportCsv(report);
    expect(csv.split('\r\n')[0]).toBe('section,key,value');
    expect(csv).toContain('reconciliation,reconciles,true\r\n');
    expect(csv).toContain('byStatus,voided.votes,4\r\n');
    expect(csv).toContain(`name,,"'=HYPERLINK(""x""), ""Gala"""\r\n`);
    expect(csv).toContain('fraudDecisions,VoteVoided,1\r\n');
  });
});
