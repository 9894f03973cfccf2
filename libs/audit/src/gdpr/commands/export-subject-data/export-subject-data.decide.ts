import type { SubjectAccessExported } from '../../domain/gdpr.events';

/** Every access request is recorded (a subject may ask again whenever they like). */
export function decideExportSubjectData(userId: string, requestedBy: 'subject' | 'staff', now: Date): SubjectAccessExported[] {
  return [{ type: 'SubjectAccessExported', data: { userId, requestedBy, at: now.toISOString() } }];
}
