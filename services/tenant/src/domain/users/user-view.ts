import type { UserRecord } from '../../data/user.repository';

export interface UserView {
  id: string;
  email: string;
  role: string;
  status: string;
  createdAt: string;
}

export const toUserView = (user: UserRecord): UserView => ({
  id: user.id,
  email: user.email,
  role: user.role,
  status: user.status,
  createdAt: user.createdAt.toISOString(),
});
