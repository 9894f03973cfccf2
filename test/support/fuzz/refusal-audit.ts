/**
 * Checks that refused requests change nothing while fingerprinting the state only where it
 * can tell something: before a request that may be accepted, after one that was, and at the
 * end of each group. A change is reported with the refused requests it happened during (a
 * handful), which is enough to find the culprit and far cheaper than a fingerprint per request.
 */
export class RefusalAudit {
  private pending: string[] = [];

  private constructor(
    private readonly fingerprint: () => Promise<string>,
    private readonly failures: string[],
    private baseline: string,
  ) {}

  static async start(fingerprint: () => Promise<string>, failures: string[]): Promise<RefusalAudit> {
    return new RefusalAudit(fingerprint, failures, await fingerprint());
  }

  refused(label: string): void {
    this.pending.push(label);
  }

  /** The state may legitimately have changed (an accepted request, a refusal that records by design). */
  async changedOnPurpose(): Promise<void> {
    this.pending = [];
    this.baseline = await this.fingerprint();
  }

  /** Every refusal since the last check left the state as it was. */
  async verify(): Promise<void> {
    if (this.pending.length === 0) return;
    const now = await this.fingerprint();
    if (now !== this.baseline) this.failures.push(`the state changed during these refused requests: ${this.pending.join(' | ')}`);
    this.baseline = now;
    this.pending = [];
  }
}
