import { adminActionOf, auditEntryOf, AuditedEvent } from './audit-entry';

const at = new Date('2026-05-01T10:00:00.000Z');
const event = (type: string, data: object, overrides: Partial<AuditedEvent> = {}): AuditedEvent => ({
  id: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
  streamId: 'user-t1.u1',
  position: '00000000000000000001:0000000000000000001',
  type,
  data,
  metadata: { tenantId: 't1', actorId: 'admin-1', clientIp: '203.0.113.77' },
  createdAt: at,
  ...overrides,
});

describe('audit entries', () => {
  it('records who, what, which resource and when, with the client network only', () => {
    const { entry } = auditEntryOf(event('VoteCast', { voteId: 'v1' }, { metadata: { tenantId: 't1', actorId: 'u1', clientIp: '198.51.100.9' } }), null);
    expect(entry).toEqual({
      logId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
      position: '00000000000000000001:0000000000000000001',
      tenantId: 't1',
      userId: 'u1',
      action: 'VoteCast',
      resource: 'user-t1.u1',
      timestamp: '2026-05-01T10:00:00.000Z',
      changes: null,
      ipNetwork: '198.51.100.0/24',
    });
  });

  it('takes before/after of tenant settings from the event, attributed to the tenant', () => {
    const { entry } = auditEntryOf(
      event('TenantSettingsChanged', { tenantId: 'tenant-9', changes: [{ key: 'otpTtlSeconds', oldValue: null, newValue: 60 }] }, { metadata: { tenantId: 'platform', actorId: 'a', clientIp: null } }),
      null,
    );
    expect(entry.tenantId).toBe('tenant-9');
    expect(entry.changes).toEqual({ before: { otpTtlSeconds: null }, after: { otpTtlSeconds: 60 } });
  });

  it('computes before from the previous snapshot of the same thing', () => {
    const first = auditEntryOf(event('RolesChanged', { roles: ['voter'] }), null);
    expect(first.entry.changes).toEqual({ before: null, after: { roles: ['voter'] } });
    const second = auditEntryOf(event('RolesChanged', { roles: ['voter', 'organizer'] }), first.snapshot!.value);
    expect(second.entry.changes).toEqual({ before: { roles: ['voter'] }, after: { roles: ['voter', 'organizer'] } });
  });

  it('keeps the fields a partial edit does not touch, and shows only the edited ones', () => {
    const created = auditEntryOf(event('ContestCreated', { contestId: 'c', name: 'Gala', startDate: 's', endDate: 'e', voteCap: 10, currency: 'USD', settings: {}, createdAt: 'x' }), null);
    const edited = auditEntryOf(event('ContestEdited', { contestId: 'c', voteCap: 20, at: 'y' }), created.snapshot!.value);
    expect(edited.entry.changes).toEqual({ before: { voteCap: 10 }, after: { voteCap: 20 } });
    expect(edited.snapshot!.value).toMatchObject({ name: 'Gala', voteCap: 20 });
  });

  it('counts an event of an admin type with an actor as an admin act, and nothing else', () => {
    const act = auditEntryOf(event('ContestStatusChanged', { contestId: 'c', from: 'draft', to: 'open', by: 'organizer', at: 'x' }), null).entry;
    expect(act.changes).toEqual({ before: { status: 'draft' }, after: { status: 'open' } });
    expect(adminActionOf(act)).toEqual({ actionId: act.logId, tenantId: 't1', adminId: 'admin-1', action: 'ContestStatusChanged', target: 'user-t1.u1', at: '2026-05-01T10:00:00.000Z' });
    const scheduled = { ...act, userId: null };
    expect(adminActionOf(scheduled)).toBeNull();
    expect(adminActionOf({ ...act, action: 'VoteCast' })).toBeNull();
  });

  it('counts credits as an admin act only when staff granted them, and the moderation of names and branding', () => {
    const grant = (kind: string) => event('CreditsGranted', { grantId: 'g', userId: 'u', credits: 5, source: { kind, ref: 'r' }, balanceAfter: 5, at: 'x' });
    const byStaff = grant('admin');
    expect(adminActionOf(auditEntryOf(byStaff, null).entry, byStaff.data)).toMatchObject({ action: 'CreditsGranted', adminId: 'admin-1' });
    for (const kind of ['payment', 'subscription', 'demo']) {
      const bought = grant(kind);
      expect(adminActionOf(auditEntryOf(bought, null).entry, bought.data)).toBeNull();
    }
    for (const type of ['ContestantNameSubmitted', 'ContestantNameApproved', 'ContestantNameRejected', 'TenantBrandingRejected', 'JudgeAssigned', 'ScoreAdjusted']) {
      expect(adminActionOf({ ...auditEntryOf(byStaff, null).entry, action: type })).toMatchObject({ action: type });
    }
  });

  it("counts a credit revocation as an admin act when staff asked for it (the event's actor), not a refund's", () => {
    const revoke = (actorId: string | null) =>
      event('CreditsRevoked', { revokeId: 'r', userId: 'u', credits: 3, requested: 3, reason: 'dispute_upheld', ref: 'case-1', balanceAfter: 0, at: 'x' }, { metadata: { tenantId: 't1', actorId, clientIp: null } });
    const byStaff = revoke('admin-1');
    expect(adminActionOf(auditEntryOf(byStaff, null).entry, byStaff.data)).toEqual({
      actionId: byStaff.id,
      tenantId: 't1',
      adminId: 'admin-1',
      action: 'CreditsRevoked',
      target: 'user-t1.u1',
      at: '2026-05-01T10:00:00.000Z',
    });
    const byRefund = revoke(null);
    expect(adminActionOf(auditEntryOf(byRefund, null).entry, byRefund.data)).toBeNull();
  });

  it('keeps the approved name as the before of the next approval', () => {
    const first = auditEntryOf(event('ContestantNameApproved', { submissionId: 'c', contestId: 'e', contestantId: 'c', name: 'Amara', at: 'x' }), null);
    expect(first.entry.changes).toEqual({ before: null, after: { name: 'Amara' } });
    const second = auditEntryOf(event('ContestantNameApproved', { submissionId: 's', contestId: 'e', contestantId: 'c', name: 'Amara O.', at: 'y' }), first.snapshot!.value);
    expect(second.entry.changes).toEqual({ before: { name: 'Amara' }, after: { name: 'Amara O.' } });
  });
});
