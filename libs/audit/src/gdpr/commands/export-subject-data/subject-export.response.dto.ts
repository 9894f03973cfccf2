import { ApiProperty } from '@nestjs/swagger';
import type { ExportedActor, ExportedDispute, SubjectExport } from './subject-export';

class ExportSubject {
  @ApiProperty() tenantId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ enum: ['subject', 'staff'] }) requestedBy!: 'subject' | 'staff';
}

class ExportProfile {
  @ApiProperty({ type: String, nullable: true, description: 'null once erased.' }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null once erased, or when none was given.' }) phone!: string | null;
  @ApiProperty() phoneVerified!: boolean;
  @ApiProperty({ type: String, nullable: true }) phoneType!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ enum: ['active', 'blocked', 'erased'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) registeredAt!: string | null;
}

class ExportSession {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ example: 'password' }) method!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'logout' }) endReason!: string | null;
}

class ExportVote {
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) contestantId!: string;
  @ApiProperty({ type: 'integer' }) amount!: number;
  @ApiProperty({ type: 'integer' }) paidAmount!: number;
  @ApiProperty({ type: 'integer' }) freeAmount!: number;
  @ApiProperty() channel!: string;
  @ApiProperty({ example: 'accepted' }) status!: string;
  @ApiProperty({ format: 'date-time' }) castAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) undoneAt!: string | null;
}

class ExportCredit {
  @ApiProperty({ enum: ['granted', 'revoked'] }) type!: 'granted' | 'revoked';
  @ApiProperty({ type: 'integer' }) credits!: number;
  @ApiProperty({ description: 'Where granted credits came from (payment, subscription, admin), or why they were revoked.' }) cause!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ExportHistoryItem {
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ExportPayment {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '{ amount (minor units), currency }' }) amount!: unknown;
  @ApiProperty({ type: 'integer', nullable: true }) votes!: number | null;
  @ApiProperty({ type: String, nullable: true }) provider!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: [ExportHistoryItem] }) history!: ExportHistoryItem[];
}

class ExportSubscriptionEvent {
  @ApiProperty() stream!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
}

class ExportDispute implements ExportedDispute {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: String, nullable: true }) voteId!: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) effect!: unknown;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

class ExportAuditEntry {
  @ApiProperty() action!: string;
  @ApiProperty() resource!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: ['you', 'staff', 'system'], description: 'Other people are never named.' }) actor!: ExportedActor;
  @ApiProperty({ type: String, nullable: true, description: 'Your network (/24 or /48) on your own acts; null on others.' }) ipNetwork!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) changes!: unknown;
}

export class SubjectExportResponse implements SubjectExport {
  @ApiProperty({ type: ExportSubject }) subject!: ExportSubject;
  @ApiProperty({ type: ExportProfile }) profile!: ExportProfile;
  @ApiProperty({ type: [ExportSession] }) sessions!: ExportSession[];
  @ApiProperty({ type: [ExportVote] }) votes!: ExportVote[];
  @ApiProperty({ type: [ExportCredit] }) credits!: ExportCredit[];
  @ApiProperty({ type: [ExportPayment] }) payments!: ExportPayment[];
  @ApiProperty({ type: [ExportSubscriptionEvent] }) subscriptions!: ExportSubscriptionEvent[];
  @ApiProperty({ type: [ExportDispute] }) disputes!: ExportDispute[];
  @ApiProperty({ type: [ExportAuditEntry] }) auditEntries!: ExportAuditEntry[];
}
