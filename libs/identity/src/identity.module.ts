import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ContextSchema, ENV, Env, ErrorTracker, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { TenancyModule } from '@tally/tenancy';
import { PHONE_PROFILES } from './phone-verification/phone-profiles.port';
import { StreamPhoneProfiles } from './phone-verification/stream-phone-profiles';
import { PhoneVerificationModule } from './phone-verification/stream-phone-verification';
import { TenantUsersModule } from './users/stream-tenant-users';
import { TallyAuthGuard } from './auth/auth.guard';
import { JwtCodec } from './auth/jwt-codec';
import { BearerAuthenticator } from './auth/bearer-authenticator';
import { BearerStrategy } from './auth/bearer.strategy';
import { SessionRevocations } from './auth/session-revocations';
import { SessionTokens } from './auth/session-tokens';
import { BootstrapAdmin } from './bootstrap/bootstrap-admin';
import { BlockUserHandler } from './commands/block-user/block-user.handler';
import { BlockUserHttpController } from './commands/block-user/block-user.http.controller';
import { ChangeRolesHandler } from './commands/change-roles/change-roles.handler';
import { ChangeRolesHttpController } from './commands/change-roles/change-roles.http.controller';
import { EraseUserHandler } from './commands/erase-user/erase-user.handler';
import { EraseUserHttpController } from './commands/erase-user/erase-user.http.controller';
import { LogInHandler } from './commands/log-in/log-in.handler';
import { LogInHttpController } from './commands/log-in/log-in.http.controller';
import { LogOutHandler } from './commands/log-out/log-out.handler';
import { LogOutHttpController } from './commands/log-out/log-out.http.controller';
import { RefreshSessionHandler } from './commands/refresh-session/refresh-session.handler';
import { RefreshSessionHttpController } from './commands/refresh-session/refresh-session.http.controller';
import { RequestOtpHandler } from './commands/request-otp/request-otp.handler';
import { RequestOtpHttpController } from './commands/request-otp/request-otp.http.controller';
import { OTP_POLICY_SOURCE, TenantOtpPolicy } from './commands/request-otp/otp-policy.source';
import { CompletePasswordResetHandler, RequestPasswordResetHandler, RequestResetTokenHandler } from './commands/reset-password/reset-password.handlers';
import { ResetPasswordHttpController } from './commands/reset-password/reset-password.http.controller';
import { SignUpHandler } from './commands/sign-up/sign-up.handler';
import { SignUpHttpController } from './commands/sign-up/sign-up.http.controller';
import { OtpVerifier } from './commands/verify-otp/otp-verifier';
import { VerifyOtpHandler } from './commands/verify-otp/verify-otp.handler';
import { VerifyOtpHttpController } from './commands/verify-otp/verify-otp.http.controller';
import { VerifyPhoneHandler } from './commands/verify-phone/verify-phone.handler';
import { VerifyPhoneHttpController } from './commands/verify-phone/verify-phone.http.controller';
import { Lookups } from './crypto/lookups';
import { PasswordHasher } from './crypto/passwords';
import { PiiKeys } from './crypto/pii-keys';
import { SubjectKeys } from './crypto/subject-keys';
import { IDENTITY_CONFIG, IdentityConfig, loadIdentityConfig } from './identity.config';
import './identity.errors';
import { ExpiredOtpCleanupJob } from './jobs/expired-otp-cleanup.job';
import { ExpiredSessionsCleanupJob } from './jobs/expired-sessions-cleanup.job';
import { DeliveryReactor } from './notifications/delivery.reactor';
import { Migration20261204053000_identity_delivery_reactor } from './read-model/Migration20261204053000_identity_delivery_reactor';
import { notifierFromConfig, trackedNotifier } from './notifications/notifier.factory';
import { NOTIFIER } from './notifications/notifier.port';
import { OtpAttemptsProjection } from './projections/otp-attempts.projection';
import { SessionsProjection } from './projections/sessions.projection';
import { UsersProjection } from './projections/users.projection';
import { GetUserHandler } from './queries/get-user/get-user.handler';
import { GetUserHttpController } from './queries/get-user/get-user.http.controller';
import { Migration20261125000200_identity_tables } from './read-model/identity.migrations';
import { IDENTITY_ENTITIES } from './read-model/identity.entities';
import { UserDirectory } from './users/user-directory';

export const identitySchema: ContextSchema = {
  entities: IDENTITY_ENTITIES,
  migrations: [
    { name: 'Migration20261125000200_identity_tables', class: Migration20261125000200_identity_tables },
    { name: 'Migration20261204053000_identity_delivery_reactor', class: Migration20261204053000_identity_delivery_reactor },
  ],
};

/**
 * Users, sessions, OTP, password reset, roles — and the one global auth guard. Projections
 * (@RegisteredProjection), the delivery reactor (@RegisteredReactor) and the housekeeping jobs
 * (@RegisteredJob) run where the worker runs (AppModule decides).
 */
@Module({
  imports: [CqrsModule, TenancyModule, PhoneVerificationModule, TenantUsersModule],
  controllers: [
    SignUpHttpController,
    LogInHttpController,
    RefreshSessionHttpController,
    LogOutHttpController,
    RequestOtpHttpController,
    VerifyOtpHttpController,
    VerifyPhoneHttpController,
    ResetPasswordHttpController,
    EraseUserHttpController,
    BlockUserHttpController,
    ChangeRolesHttpController,
    GetUserHttpController,
  ],
  providers: [
    {
      provide: IDENTITY_CONFIG,
      inject: [ENV, PLATFORM_CONFIG],
      useFactory: (env: Env, platform: PlatformConfig) => loadIdentityConfig(env, platform),
    },
    { provide: PiiKeys, inject: [IDENTITY_CONFIG], useFactory: (config: IdentityConfig) => new PiiKeys(config.piiSecret) },
    { provide: PasswordHasher, inject: [IDENTITY_CONFIG], useFactory: (config: IdentityConfig) => new PasswordHasher(config.bcryptCost) },
    { provide: JwtCodec, inject: [IDENTITY_CONFIG], useFactory: (config: IdentityConfig) => new JwtCodec(config.jwt) },
    {
      provide: NOTIFIER,
      // Absent in the CLI: failures are then only thrown (and retried), not counted.
      inject: [IDENTITY_CONFIG, { token: ErrorTracker, optional: true }],
      useFactory: (config: IdentityConfig, errors?: ErrorTracker) => trackedNotifier(notifierFromConfig(config), errors),
    },
    { provide: APP_GUARD, useClass: TallyAuthGuard },
    { provide: OTP_POLICY_SOURCE, useClass: TenantOtpPolicy },
    BearerAuthenticator,
    BearerStrategy,
    SessionRevocations,
    SessionTokens,
    SubjectKeys,
    { provide: PHONE_PROFILES, useClass: StreamPhoneProfiles },
    Lookups,
    UserDirectory,
    OtpVerifier,
    BootstrapAdmin,
    SignUpHandler,
    LogInHandler,
    RefreshSessionHandler,
    LogOutHandler,
    RequestOtpHandler,
    VerifyOtpHandler,
    VerifyPhoneHandler,
    RequestResetTokenHandler,
    RequestPasswordResetHandler,
    CompletePasswordResetHandler,
    EraseUserHandler,
    BlockUserHandler,
    ChangeRolesHandler,
    GetUserHandler,
    UsersProjection,
    SessionsProjection,
    OtpAttemptsProjection,
    DeliveryReactor,
    ExpiredSessionsCleanupJob,
    ExpiredOtpCleanupJob,
  ],
  exports: [SubjectKeys, BootstrapAdmin, PHONE_PROFILES],
})
export class IdentityModule {}
