import { LogEntry } from './log-entry';

export type VoteState = { contestantId: string; amount: number; state: 'counted' | 'held' | 'gone' };

/** A leaf that does not follow from the ones before it (the log would not explain the tally). */
export interface ReplayProblem {
  index: number;
  voteId: string;
  problem: string;
}

/**
 * Replays a contest's log entries in order and recomputes its tally (counted votes per
 * contestant), checking that each change follows from the state the earlier leaves left the
 * vote in: a vote is cast once, only a held vote is released or rejected, only a counted vote
 * is held for review, a refund or void says truthfully whether the vote counted.
 */
export class TallyReplay {
  private readonly votes = new Map<string, VoteState>();
  private readonly counts = new Map<string, number>();
  readonly problems: ReplayProblem[] = [];
  private index = 0;

  apply(entry: LogEntry): void {
    const index = this.index++;
    const fail = (problem: string): void => void this.problems.push({ index, voteId: entry.voteId, problem });
    const vote = this.votes.get(entry.voteId);
    if (entry.kind === 'vote-cast') {
      if (vote) return fail('cast twice');
      if (entry.status === null) return fail('a cast vote has a status');
      this.votes.set(entry.voteId, { contestantId: entry.contestantId, amount: entry.amount, state: entry.status === 'accepted' ? 'counted' : 'held' });
      if (entry.status === 'accepted') this.add(entry.contestantId, entry.amount);
      return;
    }
    if (!vote) return fail(`${entry.kind} of a vote the log never cast`);
    if (vote.contestantId !== entry.contestantId || vote.amount !== entry.amount) return fail(`${entry.kind} names another contestant or amount than the vote`);
    switch (entry.kind) {
      case 'held-vote-released':
      case 'held-vote-rejected':
        if (vote.state !== 'held') return fail(`${entry.kind} of a vote that is not held`);
        vote.state = entry.kind === 'held-vote-released' ? 'counted' : 'gone';
        if (vote.state === 'counted') this.add(vote.contestantId, vote.amount);
        return;
      case 'vote-held-for-review':
        if (vote.state !== 'counted') return fail('held for review but it did not count');
        vote.state = 'held';
        this.add(vote.contestantId, -vote.amount);
        return;
      case 'vote-refunded':
      case 'vote-voided':
        if (vote.state === 'gone') return fail(`${entry.kind} of a vote already gone`);
        if (entry.wasCounted !== (vote.state === 'counted')) return fail(`${entry.kind} says wasCounted=${String(entry.wasCounted)} but the vote was ${vote.state}`);
        if (vote.state === 'counted') this.add(vote.contestantId, -vote.amount);
        vote.state = 'gone';
        return;
      default: {
        const unknown: never = entry.kind;
        return fail(`unknown kind ${String(unknown)}`);
      }
    }
  }

  /** Where each vote stands after the leaves so far: counted, held (not counting) or gone (refunded, voided, rejected). */
  voteStates(): Map<string, VoteState> {
    return new Map([...this.votes].map(([voteId, vote]) => [voteId, { ...vote }]));
  }

  /** Counted votes per contestant (contestants whose count went back to 0 are kept, at 0). */
  tally(): Map<string, number> {
    return new Map(this.counts);
  }

  private add(contestantId: string, amount: number): void {
    this.counts.set(contestantId, (this.counts.get(contestantId) ?? 0) + amount);
  }
}
