import { maskIp } from './ip-mask';

/** What the audit trail needs of a stored event (a RecordedEvent has all of it). */
export interface AuditedEvent {
  id: string;
  streamId: string;
  position: string;
  type: string;
  data: unknown;
  metadata: { tenantId: string; actorId: string | null; clientIp: string | null };
  createdAt: Date;
}

export type Snapshot = Record<string, unknown>;

/** Before/after of a change to something configurable; `before` is null when it was created. */
export interface Changes {
  before: Snapshot | null;
  after: Snapshot;
}

/** One `audit_logs` row (SPEC: log_id, user_id, action, resource, timestamp, changes). */
export interface AuditEntry {
  logId: string;
  position: string;
  tenantId: string;
  userId: string | null;
  action: string;
  resource: string;
  timestamp: string;
  changes: Changes | null;
  /** The client's network (maskIp), never the address. */
  ipNetwork: string | null;
}

/** One `admin_actions` row: who, what, target, when. */
export interface AdminAction {
  actionId: string;
  tenantId: string;
  adminId: string;
  action: string;
  target: string;
  at: string;
}

/**
 * Events that carry a setting or a configuration as it now stands, and how to read it: `key`
 * names the thing inside its stream (one rate-limit stream holds many rules), `after` is the
 * part the event sets. The trail keeps the last snapshot of each thing, so `before` is what the
 * previous event of that thing set: a replay computes the same before/after (deterministic).
 */
const SNAPSHOTS: Record<string, (data: Record<string, unknown>) => { key: string; after: Snapshot; replaces?: boolean; before?: Snapshot }> = {
  UserRegistered: (d) => ({ key: 'roles', after: { roles: d.roles } }),
  RolesChanged: (d) => ({ key: 'roles', after: { roles: d.roles } }),
  UserBlocked: (d) => ({ key: 'blocked', after: { blocked: true, reason: d.reason } }),
  UserUnblocked: () => ({ key: 'blocked', after: { blocked: false, reason: null } }),
  FraudSettingsChanged: (d) => ({ key: 'fraud-settings', after: asSnapshot(d.settings), replaces: true }),
  ContestCreated: (d) => ({ key: 'contest', after: pick(d, ['name', 'startDate', 'endDate', 'voteCap', 'currency', 'settings']) }),
  ContestEdited: (d) => ({ key: 'contest', after: omit(d, ['contestId', 'at', 'editedAt']) }),
  // Self-describing: the event names the status it left.
  ContestStatusChanged: (d) => ({ key: 'contest-status', after: { status: d.to }, before: { status: d.from } }),
  PlanCreated: (d) => ({ key: 'plan', after: omit(d, ['planId', 'at']) }),
  PlanUpdated: (d) => ({ key: 'plan', after: omit(d, ['planId', 'at']) }),
  PlanRetired: () => ({ key: 'plan-retired', after: { retired: true } }),
  RateLimitRuleSet: (d) => ({ key: `rule:${String(asSnapshot(d.rule).ruleId)}`, after: omit(asSnapshot(d.rule), ['ruleId']), replaces: true }),
  TenantStatusChanged: (d) => ({ key: 'status', after: { status: d.status, reason: d.reason ?? null } }),
  TenantPlanChanged: (d) => ({ key: 'plan', after: { planType: d.planType } }),
  TenantBrandingApproved: (d) => ({ key: 'branding', after: asSnapshot(d.branding), replaces: true }),
  ContestantContentApproved: (d) => ({ key: 'content', after: asSnapshot(d.content), replaces: true }),
  ContestantNameApproved: (d) => ({ key: 'name', after: { name: d.name } }),
  // A dispute case's workflow: each step records the status it leaves and what it decided.
  DisputeCaseOpened: (d) => ({ key: 'dispute', after: { status: 'open', kind: d.kind, reason: d.reason, openedBy: d.openedBy } }),
  DisputeCaseInvestigated: () => ({ key: 'dispute', after: { status: 'investigating' } }),
  DisputeCaseResolved: (d) => ({ key: 'dispute', after: { status: 'resolved', resolution: d.resolution, effect: d.effect } }),
  DisputeCaseWithdrawn: () => ({ key: 'dispute', after: { status: 'withdrawn' } }),
};

/**
 * Acts of organizers, moderators and platform admins: changes to tenants, contests, users'
 * roles and blocks, fraud and rate-limit settings, plans, held votes, moderation and disputes.
 * An event of these types with an actor is an admin act (a scheduled status change has none).
 */
export const ADMIN_ACTION_TYPES: ReadonlySet<string> = new Set([
  'TenantCreated',
  'TenantSettingsChanged',
  'TenantStatusChanged',
  'TenantPlanChanged',
  'TenantBrandingSubmitted',
  'TenantBrandingApproved',
  'TenantBrandingRejected',
  'ContestantContentSubmitted',
  'ContestantContentApproved',
  'ContestantContentRejected',
  'ContestantNameSubmitted',
  'ContestantNameApproved',
  'ContestantNameRejected',
  'ContestCreated',
  'ContestEdited',
  'CategoryAdded',
  'ContestantAdded',
  'ContestStatusChanged',
  'HeldVoteReleased',
  'HeldVoteRejected',
  'VoteVoided',
  'RolesChanged',
  'UserBlocked',
  'UserUnblocked',
  'SubjectErased',
  'FraudSettingsChanged',
  'RateLimitRuleSet',
  'ClientBlocked',
  'PlanCreated',
  'PlanUpdated',
  'PlanRetired',
  'RefundRequested',
  'ModerationItemDecided',
  'DisputeCaseOpened',
  'DisputeCaseInvestigated',
  'DisputeCaseResolved',
  'DisputeCaseWithdrawn',
  // Scoring, as organizers set it up and decide it (judges' own scores and locks are not admin acts).
  'ScoreTypeDefined',
  'PhaseDefined',
  'JudgeAssigned',
  'ScoreAdjusted',
  'PhaseClosed',
  'BlendConfigured',
  'JuryScoresRevealed',
  'ScoringFinalised',
]);

/**
 * Admin acts only for what the event says: credits granted by staff (a payment's or subscription's
 * grant is none). A revocation says no source, but only staff revoke with an actor: a dispute
 * resolution's reverse_grant carries the resolver; refunds, chargebacks and fraud-warning holds
 * come from payments' reactor with none, so adminActionOf leaves them out.
 */
const ADMIN_ACTS_BY_DATA: Readonly<Record<string, (data: Snapshot) => boolean>> = {
  CreditsGranted: (d) => asSnapshot(d.source).kind === 'admin',
  CreditsRevoked: () => true,
};

/** Platform-scoped streams (tenants, their names) are attributed to the tenant they are about. */
const PLATFORM_SCOPE = 'platform';

/** The snapshot an event sets, under its key within the resource, or null for events that set none. */
export function snapshotOf(event: Pick<AuditedEvent, 'type' | 'data'>): { key: string; after: Snapshot; replaces: boolean; before: Snapshot | null } | null {
  const rule = SNAPSHOTS[event.type];
  if (!rule) return null;
  const { key, after, replaces, before } = rule(asSnapshot(event.data));
  return { key, after, replaces: replaces ?? false, before: before ?? null };
}

/**
 * The audit entry of one event. `previous` is the last snapshot of the same thing (resource and
 * key) before this event, or null. Returns the entry and the snapshot to keep for the next one.
 */
export function auditEntryOf(event: AuditedEvent, previous: Snapshot | null): { entry: AuditEntry; snapshot: { key: string; value: Snapshot } | null } {
  const data = asSnapshot(event.data);
  const tenantId = event.metadata.tenantId === PLATFORM_SCOPE && typeof data.tenantId === 'string' ? data.tenantId : event.metadata.tenantId;
  let changes: Changes | null = null;
  let snapshot: { key: string; value: Snapshot } | null = null;
  if (event.type === 'TenantSettingsChanged' && Array.isArray(data.changes)) {
    // Self-describing: the event holds each old and new value.
    const before: Snapshot = {};
    const after: Snapshot = {};
    for (const change of data.changes as { key: string; oldValue: unknown; newValue: unknown }[]) {
      before[change.key] = change.oldValue;
      after[change.key] = change.newValue;
    }
    changes = { before, after };
  } else {
    const set = snapshotOf(event);
    if (set) {
      const before = set.before ?? (previous === null ? null : set.replaces ? previous : pick(previous, Object.keys(set.after)));
      changes = { before, after: set.after };
      snapshot = { key: set.key, value: set.replaces || previous === null ? set.after : { ...previous, ...set.after } };
    }
  }
  return {
    entry: {
      logId: event.id,
      position: event.position,
      tenantId,
      userId: event.metadata.actorId,
      action: event.type,
      resource: event.streamId,
      timestamp: event.createdAt.toISOString(),
      changes,
      ipNetwork: maskIp(event.metadata.clientIp),
    },
    snapshot,
  };
}

/** The admin act an audit entry (of an event with this data) records, or null when it is none. */
export function adminActionOf(entry: AuditEntry, data: unknown = null): AdminAction | null {
  if (!entry.userId || !isAdminAct(entry.action, data)) return null;
  return { actionId: entry.logId, tenantId: entry.tenantId, adminId: entry.userId, action: entry.action, target: entry.resource, at: entry.timestamp };
}

function isAdminAct(type: string, data: unknown): boolean {
  const byData = ADMIN_ACTS_BY_DATA[type];
  return ADMIN_ACTION_TYPES.has(type) || (byData !== undefined && byData(asSnapshot(data)));
}

/** An event's data (or a part of it) as a plain object; anything else as an empty one. */
export function asSnapshot(value: unknown): Snapshot {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : {};
}

function pick(source: Snapshot, keys: readonly string[]): Snapshot {
  const picked: Snapshot = {};
  for (const key of keys) if (key in source) picked[key] = source[key];
  return picked;
}

function omit(source: Snapshot, keys: readonly string[]): Snapshot {
  const kept: Snapshot = {};
  for (const [key, value] of Object.entries(source)) if (!keys.includes(key)) kept[key] = value;
  return kept;
}
