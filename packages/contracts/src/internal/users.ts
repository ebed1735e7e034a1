import { Type, type Static } from '@sinclair/typebox';

/**
 * The tenant service's users as the notification service reads them (service token with
 * `users:read`): whom to tell, and where. Staff addresses only, never a patient's.
 */
export const DirectoryUserSchema = Type.Object({
  id: Type.String(),
  /** Null for the ops team. */
  tenantId: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  role: Type.String(),
  status: Type.String({ description: 'invited, active or suspended' }),
});
export type DirectoryUser = Static<typeof DirectoryUserSchema>;

export const DirectoryUsersSchema = Type.Object({ items: Type.Array(DirectoryUserSchema) });

/** The scope a service token needs for it. */
export const USERS_READ_SCOPE = 'users:read';
