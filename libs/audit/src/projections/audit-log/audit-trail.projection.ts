import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection, sqlLiteral, unnestRows } from '@tally/eventstore';
import { WITHOUT_SCREENING } from '@tally/voting';
import { AdminAction, adminActionOf, AuditEntry, auditEntryOf, snapshotOf, Snapshot } from '../../domain/audit-entry';

/**
 * `audit_logs` from EVERY event in the store (its metadata carries the actor, tenant and client
 * address), `admin_actions` from the admin acts among them, and `audit_snapshots`, the last
 * value of each configurable thing, from which a change's "before" comes. A batch is folded in
 * log order in memory and written with three statements; rebuilding from zero gives the same
 * rows (the snapshots are replayed in the same order).
 */
@RegisteredProjection()
export class AuditTrailProjection implements Projection {
  readonly name = 'audit.trail';
  // 2: staff credit grants, scoring set-up and decisions, moderation of names and branding rejections are admin acts.
  // 3: staff credit revocations (CreditsRevoked with an actor) are admin acts.
  readonly version = 3;
  readonly filter = {};
  readonly tables = ['audit_logs', 'admin_actions', 'audit_snapshots'];
  // No audited change reads a vote's screening record (audit-entry.ts); fraud's report shows it.
  readonly omitData = WITHOUT_SCREENING;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const snapshots = await this.loadSnapshots(events, em);
    const touched = new Map<string, { resource: string; key: string; value: Snapshot }>();
    const entries: AuditEntry[] = [];
    const actions: (AdminAction & { position: string })[] = [];
    for (const event of events) {
      const set = snapshotOf(event);
      const slot = set ? `${event.streamId}\u0000${set.key}` : null;
      const { entry, snapshot } = auditEntryOf(event, slot ? (snapshots.get(slot) ?? null) : null);
      entries.push(entry);
      if (slot && snapshot) {
        snapshots.set(slot, snapshot.value);
        touched.set(slot, { resource: event.streamId, key: snapshot.key, value: snapshot.value });
      }
      const action = adminActionOf(entry, event.data);
      if (action) actions.push({ ...action, position: entry.position });
    }
    if (entries.length > 0) {
      const rows = unnestRows(
        { log_id: 'uuid', position: 'text', tenant_id: 'text', user_id: 'text', action: 'text', resource: 'text', timestamp: 'timestamptz', changes: 'jsonb', ip_network: 'text' },
        entries.map((e) => ({
          log_id: e.logId,
          position: e.position,
          tenant_id: e.tenantId,
          user_id: e.userId,
          action: e.action,
          resource: e.resource,
          timestamp: e.timestamp,
          changes: e.changes === null ? null : JSON.stringify(e.changes),
          ip_network: e.ipNetwork,
        })),
      );
      await em.execute(`insert into audit_logs (${rows.columns}) ${rows.select} on conflict (log_id) do nothing`);
    }
    if (actions.length > 0) {
      const rows = unnestRows(
        { action_id: 'uuid', position: 'text', tenant_id: 'text', admin_id: 'text', action: 'text', target: 'text', at: 'timestamptz' },
        actions.map((a) => ({ action_id: a.actionId, position: a.position, tenant_id: a.tenantId, admin_id: a.adminId, action: a.action, target: a.target, at: a.at })),
      );
      await em.execute(`insert into admin_actions (${rows.columns}) ${rows.select} on conflict (action_id) do nothing`);
    }
    if (touched.size > 0) {
      const rows = unnestRows(
        { resource: 'text', key: 'text', value: 'jsonb' },
        [...touched.values()].map((s) => ({ resource: s.resource, key: s.key, value: JSON.stringify(s.value) })),
      );
      await em.execute(`insert into audit_snapshots (${rows.columns}) ${rows.select} on conflict (resource, key) do update set value = excluded.value`);
    }
  }

  /** The stored snapshots of the things this batch changes, in one statement. */
  private async loadSnapshots(events: readonly RecordedEvent[], em: ProjectionContext['em']): Promise<Map<string, Snapshot>> {
    const slots = new Map<string, { resource: string; key: string }>();
    for (const event of events) {
      const set = snapshotOf(event);
      if (set) slots.set(`${event.streamId}\u0000${set.key}`, { resource: event.streamId, key: set.key });
    }
    const found = new Map<string, Snapshot>();
    if (slots.size === 0) return found;
    const wanted = [...slots.values()].map((s) => `(${sqlLiteral(s.resource)}, ${sqlLiteral(s.key)})`).join(', ');
    const rows = await em.execute<{ resource: string; key: string; value: Snapshot }[]>(
      `select resource, key, value from audit_snapshots where (resource, key) in (${wanted})`,
    );
    for (const row of rows) found.set(`${row.resource}\u0000${row.key}`, row.value);
    return found;
  }
}
