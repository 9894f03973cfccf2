import { reportRows } from './contest-report';
import type { IssuedReport } from './compliance-reporter';

const MARGIN = 50;
/** Wide enough for keys like `anchors.0.headDigest`, leaving room for a 64-digit hash on one line. */
const KEY_WIDTH = 150;

/**
 * An issued compliance report as a PDF (A4, pdfkit's built-in Helvetica, nothing to install):
 * the report's id, time and the SHA-256 of its stored JSON (so a printed copy can be matched to
 * compliance_reports), then for a contest the reconciliation as one sentence, then every figure
 * under its section, as in the CSV. The built-in fonts cover Latin-1 only: other characters (a
 * contest named in another script) print as `?`; the JSON and CSV carry them exactly.
 * pdfkit is loaded at the first PDF asked for: it is ~0.4 s of CPU every process would pay at start.
 */
export async function reportPdf(issued: IssuedReport<object>): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const report = issued.report as { kind?: string; name?: string; contestId?: string; tenantId?: string; reconciliation?: Record<string, number | boolean> };
  const title = report.kind === 'contest' ? `Compliance report: contest ${report.name ?? ''}` : `Compliance report: tenant ${report.tenantId ?? ''}`;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: latin1(title), Author: 'Tally', CreationDate: new Date(issued.generatedAt) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(latin1(title));
  doc.moveDown(0.5).font('Helvetica').fontSize(9);
  doc.text(`Report id: ${issued.reportId}`);
  doc.text(`Generated at: ${issued.generatedAt}`);
  doc.text(`SHA-256 of the report as stored: ${issued.sha256}`);
  if (report.reconciliation) {
    const r = report.reconciliation;
    doc.moveDown().font('Helvetica-Bold').fontSize(11).text('Reconciliation');
    doc.font('Helvetica').fontSize(10).text(
      `cast ${String(r.cast)} - refunded ${String(r.refunded)} - voided ${String(r.voided)} - rejected ${String(r.rejected)} - held ${String(r.held)} = ${String(r.expectedTally)} expected; leaderboard tally ${String(r.tally)}: ${r.reconciles ? 'RECONCILES' : 'DOES NOT RECONCILE'}`,
    );
  }
  let section = '';
  // Top-level figures (kind, name, ids, the tally) go under one heading; nested ones under their own.
  const rows = reportRows(report).map(([name, key, value]) => (key === '' ? ['report', name, value] : [name, key, value]));
  for (const [name, key, value] of rows) {
    if (name !== section) {
      section = name;
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(latin1(name), MARGIN);
      doc.font('Helvetica').fontSize(9);
    }
    const y = doc.y;
    doc.text(latin1(key), MARGIN, y, { width: KEY_WIDTH });
    const keyBottom = doc.y;
    doc.text(latin1(value), MARGIN + KEY_WIDTH + 10, y, { width: doc.page.width - 2 * MARGIN - KEY_WIDTH - 10 });
    doc.y = Math.max(doc.y, keyBottom);
    doc.x = MARGIN;
  }
  doc.end();
  return done;
}

/** What the built-in WinAnsi fonts can print: anything outside Latin-1 becomes `?`. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}
