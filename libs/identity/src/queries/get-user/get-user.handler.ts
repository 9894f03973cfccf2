import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SubjectKeys } from '../../crypto/subject-keys';
import { identityError } from '../../identity.errors';
import { UserDirectory } from '../../users/user-directory';
import { GetUserQuery, UserView } from './get-user.query';

/** Reads the user's stream (not the lagging read model) and opens the envelopes with their key. */
@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery, UserView> {
  constructor(
    private readonly users: UserDirectory,
    private readonly keys: SubjectKeys,
  ) {}

  async execute(query: GetUserQuery): Promise<UserView> {
    const { state } = await this.users.load(query.tenantId, query.userId);
    if (state.status === 'none') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
    return {
      userId: query.userId,
      email: await this.keys.open(state.email, 'email'),
      phone: await this.keys.open(state.phone, 'phone'),
      phoneVerified: state.phoneVerified,
      phoneType: state.phoneType,
      roles: [...state.roles],
      status: state.status,
    };
  }
}
