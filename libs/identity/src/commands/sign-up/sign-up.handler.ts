import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { Lookups } from '../../crypto/lookups';
import { checkPassword, PASSWORD_MAX, PasswordHasher } from '../../crypto/passwords';
import { SubjectKeys } from '../../crypto/subject-keys';
import { userDecider, userStream } from '../../domain/user.stream';
import { ValidationProblem } from '../../identity.validation';
import { UserDirectory } from '../../users/user-directory';
import { SignUpCommand } from './sign-up.command';
import { decideSignUp } from './sign-up.decide';

/**
 * Key first (the events need it), then the email claim (uniqueness), then the user stream. A
 * failed claim deletes the fresh key, leaving nothing behind.
 */
@CommandHandler(SignUpCommand)
export class SignUpHandler implements ICommandHandler<SignUpCommand, { userId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly users: UserDirectory,
    private readonly keys: SubjectKeys,
    private readonly lookups: Lookups,
    private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SignUpCommand): Promise<{ userId: string }> {
    const { metadata } = command;
    const email = this.lookups.normalizeEmail(command.email);
    if (command.trustedPassword) {
      if ([...command.password].length > PASSWORD_MAX) throw new ValidationProblem('password', `password must be at most ${PASSWORD_MAX} characters`);
    } else checkPassword(command.password, 'password', email);
    const phone = command.phone ? this.lookups.parsePhone(command.phone) : null;
    const passwordHash = await this.hasher.hash(command.password);
    const userId = uuidv7(this.clock.now().getTime());
    const emailHash = this.lookups.emailHash(metadata.tenantId, email);
    const key = await this.keys.ensure(metadata.tenantId, userId);
    try {
      await this.users.claim('email', emailHash, userId, metadata, this.clock);
    } catch (error) {
      await this.keys.erase(metadata.tenantId, userId);
      throw error;
    }
    const facts = {
      userId,
      emailHash,
      email: this.keys.seal(key, 'email', email),
      phone: phone ? this.keys.seal(key, 'phone', phone.e164) : null,
      phoneHash: phone ? this.lookups.phoneHash(metadata.tenantId, phone.e164) : null,
      passwordHash,
      roles: command.roles,
    };
    await this.runner.run({ decider: userDecider, streamId: userStream(metadata.tenantId, userId), decide: (state) => decideSignUp(state, { ...facts, now: this.clock.now() }) }, metadata);
    return { userId };
  }
}
