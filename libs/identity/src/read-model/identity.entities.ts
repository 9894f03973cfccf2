import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Envelope } from '../domain/pii';

/*
 * Read models of the identity context (SPEC "Authentication & User Tables" plus otp_attempts),
 * built by projections from the user and OTP streams, and one table that is not a projection:
 * subject_keys (written before the events that use them). Codes and tokens are sent by the
 * delivery reactor straight from the log (notifications/delivery.reactor.ts).
 * Email and phone columns hold envelopes, never plaintext; secrets are stored as hashes.
 */

@Entity({ tableName: 'users' })
export class UserEntity {
  [OptionalProps]?: 'phone' | 'phoneHash' | 'phoneVerified' | 'phoneType' | 'passwordHash' | 'otpSecret' | 'erasedAt' | 'email';

  @PrimaryKey({ type: 'uuid', fieldName: 'user_id' }) userId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'json', columnType: 'jsonb', nullable: true }) email: Envelope | null = null;
  @Property({ type: 'string', length: 64, fieldName: 'email_hash' }) emailHash!: string;
  @Property({ type: 'json', columnType: 'jsonb', nullable: true }) phone: Envelope | null = null;
  @Property({ type: 'string', length: 64, fieldName: 'phone_hash', nullable: true }) phoneHash: string | null = null;
  @Property({ type: 'boolean', fieldName: 'phone_verified' }) phoneVerified = false;
  @Property({ type: 'string', length: 32, fieldName: 'phone_type', nullable: true }) phoneType: string | null = null;
  @Property({ type: 'string', length: 100, fieldName: 'password_hash', nullable: true }) passwordHash: string | null = null;
  /** SPEC column; Tally sends one-time codes per request instead of keeping TOTP secrets, so it stays null. */
  @Property({ type: 'string', length: 100, fieldName: 'otp_secret', nullable: true }) otpSecret: string | null = null;
  @Property({ type: 'json', columnType: 'jsonb' }) roles!: string[];
  @Property({ type: 'string', length: 16 }) status!: string;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'erased_at', nullable: true }) erasedAt: Date | null = null;
}

@Entity({ tableName: 'sessions' })
export class SessionEntity {
  [OptionalProps]?: 'lastRefreshedAt' | 'revokedAt' | 'revokeReason';

  @PrimaryKey({ type: 'uuid', fieldName: 'session_id' }) sessionId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'uuid', fieldName: 'user_id', index: true }) userId!: string;
  /** SPEC's jwt_token: the hash of the current refresh token (access JWTs are never stored). */
  @Property({ type: 'string', length: 64, fieldName: 'refresh_token_hash' }) refreshTokenHash!: string;
  @Property({ type: 'string', length: 16 }) method!: string;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'expires_at' }) expiresAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'last_refreshed_at', nullable: true }) lastRefreshedAt: Date | null = null;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'revoked_at', nullable: true }) revokedAt: Date | null = null;
  @Property({ type: 'string', length: 32, fieldName: 'revoke_reason', nullable: true }) revokeReason: string | null = null;
}

@Entity({ tableName: 'phone_verifications' })
export class PhoneVerificationEntity {
  [OptionalProps]?: 'numberType' | 'verifiedAt';

  @PrimaryKey({ type: 'uuid', fieldName: 'verification_id' }) verificationId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'uuid', fieldName: 'user_id', index: true }) userId!: string;
  @Property({ type: 'json', columnType: 'jsonb', nullable: true }) phone!: Envelope | null;
  /** SPEC's otp_code: its keyed hash. */
  @Property({ type: 'string', length: 64, fieldName: 'otp_code_hash' }) otpCodeHash!: string;
  @Property({ type: 'string', length: 32, fieldName: 'number_type', nullable: true }) numberType: string | null = null;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'requested_at' }) requestedAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'expires_at' }) expiresAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'verified_at', nullable: true }) verifiedAt: Date | null = null;
}

@Entity({ tableName: 'password_resets' })
export class PasswordResetEntity {
  [OptionalProps]?: 'usedAt';

  @PrimaryKey({ type: 'uuid', fieldName: 'reset_id' }) resetId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'uuid', fieldName: 'user_id', index: true }) userId!: string;
  /** SPEC's token: its SHA-256. */
  @Property({ type: 'string', length: 64, fieldName: 'token_hash' }) tokenHash!: string;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'expires_at' }) expiresAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'used_at', nullable: true }) usedAt: Date | null = null;
}

@Entity({ tableName: 'otp_attempts' })
export class OtpAttemptEntity {
  [OptionalProps]?: 'attempts' | 'lastAttemptTime' | 'lockedUntil' | 'verifiedAt';

  @PrimaryKey({ type: 'uuid', fieldName: 'otp_id' }) otpId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'string', length: 64, fieldName: 'subject_hash', index: true }) subjectHash!: string;
  @Property({ type: 'uuid', fieldName: 'user_id' }) userId!: string;
  @Property({ type: 'string', length: 16 }) purpose!: string;
  @Property({ type: 'string', length: 8 }) channel!: string;
  @Property({ type: 'integer' }) attempts = 0;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'last_attempt_time', nullable: true }) lastAttemptTime: Date | null = null;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'locked_until', nullable: true }) lockedUntil: Date | null = null;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'expires_at' }) expiresAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'verified_at', nullable: true }) verifiedAt: Date | null = null;
}

@Entity({ tableName: 'subject_keys' })
export class SubjectKeyEntity {
  @PrimaryKey({ type: 'string', length: 80 }) kid!: string;
  @Property({ type: 'string', length: 64, fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'uuid', fieldName: 'subject_id' }) subjectId!: string;
  /** The subject's AES key, wrapped (AES-256-GCM) with the server key-encryption key. */
  @Property({ type: 'string', length: 200, fieldName: 'wrapped_key' }) wrappedKey!: string;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
}

export const IDENTITY_ENTITIES = [UserEntity, SessionEntity, PhoneVerificationEntity, PasswordResetEntity, OtpAttemptEntity, SubjectKeyEntity];
