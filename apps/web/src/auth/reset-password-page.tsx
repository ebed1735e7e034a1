import { api, dataOf } from '../api/client';
import { SetPasswordForm } from './set-password-form';

/** `/reset-password#token=…`, the link of a reset email: a new password, and every old session ends. */
export function ResetPasswordPage() {
  return (
    <SetPasswordForm
      title="Choose a new password"
      intro="Signing in with the new password works at once; every other session of yours ends."
      submitLabel="Change my password"
      send={async (token, newPassword) =>
        dataOf(await api.POST('/api/auth/password-reset/confirm', { body: { token, newPassword } }))
      }
    />
  );
}
