import { pool } from '../stats';
import { Session, type LoadClient, type RetryPolicy } from './client';
import type { Practice } from './scenario';

const PASSWORD = 'load-Test-Passw0rd-2026';

/**
 * Practices made the way the ops team makes them: created through the ops API (invitation), the
 * owner accepting it and signing in. Sessions of the practices' owners retry as `retry` says.
 */
export async function provisionPractices(
  client: LoadClient,
  ops: Session,
  count: number,
  retry?: RetryPolicy,
): Promise<Practice[]> {
  const practices: Practice[] = [];
  const run = Date.now().toString(36);
  await pool(count, 8, async (i) => {
    const name = `Load Practice ${i + 1}`;
    const created = await ops.call('POST', '/api/ops/tenants', {
      json: { name, ownerEmail: `owner-${run}-${i}@load.test` },
    });
    if (created.status !== 201)
      throw new Error(`provisioning ${name}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const { tenantId, inviteToken } = created.body as { tenantId: string; inviteToken: string };
    const accepted = await client.call('POST', '/api/auth/accept-invite', {
      json: { token: inviteToken, password: PASSWORD },
    });
    if (accepted.status !== 200) throw new Error(`accepting ${name}'s invitation: HTTP ${accepted.status}`);
    const owner = new Session(client, `owner-${run}-${i}@load.test`, PASSWORD, retry).use(
      (accepted.body as { accessToken: string }).accessToken,
    );
    practices.push({ tenantId, owner, name });
  });
  return practices;
}
