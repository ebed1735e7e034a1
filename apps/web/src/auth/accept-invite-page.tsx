import { api, dataOf } from '../api/client';
import { SetPasswordForm } from './set-password-form';

/** `/invite#token=…`, the link of an invitation email: the invited person chooses a password. */
export function AcceptInvitePage() {
  return (
    <SetPasswordForm
      title="Welcome to PatientLetterHub"
      intro="You were invited to your practice's account. Choose a password to finish."
      submitLabel="Set my password"
      send={async (token, password) => dataOf(await api.POST('/api/auth/accept-invite', { body: { token, password } }))}
    />
  );
}
