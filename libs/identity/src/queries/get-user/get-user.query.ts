import { Query } from '@nestjs/cqrs';
import type { Role } from '@tally/platform';

export interface UserView {
  userId: string;
  /** null once the user is erased (the key is gone). */
  email: string | null;
  phone: string | null;
  phoneVerified: boolean;
  phoneType: string | null;
  roles: Role[];
  status: 'active' | 'blocked' | 'erased';
}

export class GetUserQuery extends Query<UserView> {
  constructor(
    readonly tenantId: string,
    readonly userId: string,
  ) {
    super();
  }
}
