import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection, UnnestColumns, unnestRows } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { VoterEvent, VoteVoided } from '@tally/voting';
import { FraudCaseEvent } from '../../patterns/domain/suspicious-pattern.events';
import { screeningFacts } from './screening-facts';

interface TrailRow {
  vote_id: string;
  tenant_id: string;
  user_id: string;
  event_id: string;
  contestant_id: string;
  client_ip: string | null;
  amount: number;
  status: string;
  held_at_cast: boolean;
  cast_at: string;
}

const TRAIL_COLUMNS: UnnestColumns<TrailRow> = {
  vote_id: 'uuid',
  tenant_id: 'text',
  user_id: 'text',
  event_id: 'uuid',
  contestant_id: 'uuid',
  client_ip: 'text',
  amount: 'integer',
  status: 'text',
  held_at_cast: 'boolean',
  cast_at: 'timestamptz',
};

const VOTER_TYPES = ['VoteCast', 'VoteRefunded', 'VoteVoided', 'HeldVoteReleased', 'HeldVoteRejected', 'VoteHeldForReview'] as const;

/**
 * The fraud read models, from the voter streams and the pattern findings:
 * - `fraud_vote_trail`: every vote with its client address and current status (what pattern
 *   detection and the analytics read); one set-based insert per batch, as votes are most events;
 * - `fraud_flags`: the case queue, one case per held vote (its id is the vote's id), moved by
 *   the review decisions, voids and refunds;
 * - `suspicious_patterns` and `abuse_flags`: the findings with their evidence, and the accounts
 *   they (or a rejected held vote) flag.
 * Rare events flush the pending trail rows first, so every statement sees the log before it.
 */
@RegisteredProjection()
export class FraudCasesProjection implements Projection {
  readonly name = 'fraud-cases';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-', 'fraudcase-'], eventTypes: [...VOTER_TYPES, 'SuspiciousPatternDetected'] };
  readonly tables = ['fraud_vote_trail', 'fraud_flags', 'suspicious_patterns', 'abuse_flags'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const trail: TrailRow[] = [];
    const flush = async () => {
      if (trail.length === 0) return;
      const rows = unnestRows(TRAIL_COLUMNS, trail);
      await em.execute(`insert into fraud_vote_trail (${rows.columns}) ${rows.select} on conflict (vote_id) do nothing`);
      trail.length = 0;
    };
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as VoterEvent | FraudCaseEvent;
      if (event.type === 'VoteCast') {
        const d = event.data;
        trail.push({
          vote_id: d.voteId,
          tenant_id: recorded.metadata.tenantId,
          user_id: d.userId,
          event_id: d.contestId,
          contestant_id: d.contestantId,
          client_ip: recorded.metadata.clientIp ?? null,
          amount: d.amount,
          status: d.status,
          held_at_cast: d.status === 'held',
          cast_at: d.castAt,
        });
        if (d.status !== 'held') continue;
      }
      await flush();
      await this.applyRare(em, recorded, event);
    }
    await flush();
  }

  private async applyRare(em: EntityManager, recorded: RecordedEvent, event: VoterEvent | FraudCaseEvent): Promise<void> {
    const tenantId = recorded.metadata.tenantId;
    const actor = recorded.metadata.actorId ?? null;
    switch (event.type) {
      case 'VoteCast': {
        const d = event.data;
        const facts = screeningFacts(d);
        await em.execute(
          `insert into fraud_flags (flag_id, tenant_id, vote_id, user_id, event_id, contestant_id, amount, reason, severity, status, source, score, signals, factors, finding_id, held_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 'screening', ?, ?::text[], ?::jsonb, null, ?) on conflict (flag_id) do nothing`,
          [d.voteId, tenantId, d.voteId, d.userId, d.contestId, d.contestantId, d.amount, facts.reason, facts.severity, facts.score, `{${facts.signals.map((s) => JSON.stringify(s)).join(',')}}`, JSON.stringify(facts.factors), d.castAt],
        );
        return;
      }
      case 'VoteHeldForReview': {
        const d = event.data;
        // A vote held again after an earlier review reopens its case.
        await em.execute(
          `insert into fraud_flags (flag_id, tenant_id, vote_id, user_id, event_id, contestant_id, amount, reason, severity, status, source, score, signals, factors, finding_id, held_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, 'high', 'open', 'pattern', null, '{pattern}', '[]'::jsonb, ?, ?)
           on conflict (flag_id) do update set status = 'open', source = 'pattern', reason = excluded.reason, severity = 'high', finding_id = excluded.finding_id,
             held_at = excluded.held_at, decided_at = null, decided_by = null, decision_reason = null,
             signals = array(select distinct unnest(fraud_flags.signals || excluded.signals))`,
          [d.voteId, tenantId, d.voteId, d.userId, d.contestId, d.contestantId, d.amount, d.reason, d.findingId, d.at],
        );
        await setTrailStatus(em, d.voteId, 'held');
        return;
      }
      case 'HeldVoteReleased':
        await decideFlag(em, event.data.voteId, 'approved', event.data.at, actor, event.data.reason);
        await setTrailStatus(em, event.data.voteId, 'accepted');
        return;
      case 'HeldVoteRejected': {
        const d = event.data;
        await decideFlag(em, d.voteId, 'rejected', d.at, actor, d.reason);
        await setTrailStatus(em, d.voteId, 'rejected');
        await em.execute(
          `insert into abuse_flags (flag_id, tenant_id, user_id, flag_type, status, source_id, created_at) values (?, ?, ?, 'held-vote-rejected', 'open', ?, ?) on conflict (flag_id) do nothing`,
          [recorded.id, tenantId, d.userId, d.voteId, d.at],
        );
        return;
      }
      case 'VoteVoided':
        await decideFlag(em, event.data.voteId, 'voided', event.data.at, actor, voidLabel(event.data.reason));
        await setTrailStatus(em, event.data.voteId, 'voided');
        return;
      case 'VoteRefunded':
        await decideFlag(em, event.data.voteId, 'withdrawn', event.data.at, actor, 'refunded by the voter');
        await setTrailStatus(em, event.data.voteId, 'refunded');
        return;
      case 'SuspiciousPatternDetected':
        await recordFinding(em, tenantId, event.data);
        return;
      case 'CreditsGranted':
      case 'CreditsRevoked':
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
      }
    }
  }
}

/** Only an open case is decided: a void or refund after a review leaves the review's outcome. */
async function decideFlag(em: EntityManager, voteId: string, status: string, at: string, actor: string | null, reason: string): Promise<void> {
  await em.execute(`update fraud_flags set status = ?, decided_at = ?, decided_by = ?, decision_reason = ? where flag_id = ? and status = 'open'`, [status, at, actor, reason, voteId]);
}

async function setTrailStatus(em: EntityManager, voteId: string, status: string): Promise<void> {
  await em.execute(`update fraud_vote_trail set status = ? where vote_id = ?`, [status, voteId]);
}

/** One suspicious_patterns row and one abuse flag per account of the finding. */
async function recordFinding(em: EntityManager, tenantId: string, finding: FraudCaseEvent['data']): Promise<void> {
  const byUser = new Map<string, string[]>();
  for (const vote of finding.votes) byUser.set(vote.userId, [...(byUser.get(vote.userId) ?? []), vote.voteId]);
  for (const [userId, voteIds] of byUser) {
    const rowId = accountRowId(finding.findingId, userId);
    await em.execute(
      `insert into suspicious_patterns (pattern_id, finding_id, tenant_id, user_id, event_id, contestant_id, pattern_type, action, vote_ids, evidence, detection_time)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?::jsonb, ?) on conflict (pattern_id) do nothing`,
      [rowId, finding.findingId, tenantId, userId, finding.contestId, finding.contestantId, finding.patternType, finding.action, `{${voteIds.join(',')}}`, JSON.stringify(finding.evidence), finding.detectedAt],
    );
    await em.execute(
      `insert into abuse_flags (flag_id, tenant_id, user_id, flag_type, status, source_id, created_at) values (?, ?, ?, ?, 'open', ?, ?) on conflict (flag_id) do nothing`,
      [rowId, tenantId, userId, finding.patternType, finding.findingId, finding.detectedAt],
    );
  }
}

/** The row of one account in one finding: the same id every time the finding is applied. */
function accountRowId(findingId: string, userId: string): string {
  return deterministicUuid('fraud-finding-account', findingId, userId);
}

/** The decision a void records on the vote's case. */
function voidLabel(reason: VoteVoided['data']['reason']): string {
  return reason === 'fraud' ? 'voided: suspicious pattern' : reason === 'dispute' ? 'voided: dispute upheld' : 'voided: credits revoked';
}
