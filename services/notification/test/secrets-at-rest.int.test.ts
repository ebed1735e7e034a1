import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { OrderApproved } from '@plh/contracts';
import { rolesOf, withCredentials } from '@plh/db';
import { SecretBox } from '@plh/storage';
import { startRecorder, type Recorder } from '@plh/test-kit';
import { verifyWebhook } from '@plh/webhook-verify';
import { secretBinding } from '../src/data/webhook-endpoint.repository';
import {
  buildTestApp,
  directoryOf,
  eventOf,
  eventually,
  practiceUser,
  principalOf,
  providerEnv,
  publish,
  startProviders,
  type Providers,
  type TestApp,
} from './helpers';

/** Partners' webhook signing secrets are sealed at rest (WEBHOOK_SECRET_KEYS) and re-sealed on rotation. */
describe('webhook secrets at rest', () => {
  let t: TestApp;
  let providers: Providers;
  let receiver: Recorder;
  const directory = directoryOf([]);

  beforeAll(async () => {
    providers = await startProviders();
    receiver = await startRecorder();
    t = await buildTestApp(providerEnv(providers), directory);
  });
  afterAll(async () => {
    await t.close();
    await providers.close();
    await receiver.close();
  });

  const stored = async (id: string) =>
    (
      await t.admin.query<{ secret: string; previous_secret: string | null }>(
        'SELECT secret, previous_secret FROM notification.webhook_endpoint WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  async function endpointOf(tenantId: string, owner: ReturnType<typeof practiceUser>, route: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${tenantId}/notifications/webhooks`,
      headers: await t.as(principalOf(owner)),
      payload: { url: `${receiver.url}${route}`, topics: ['order.approved'] },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; secret: string }>();
  }

  it('stores a sealed secret, bound to its endpoint, and signs deliveries with the secret the partner was given', async () => {
    const tenantId = randomUUID();
    const owner = practiceUser(tenantId, 'owner');
    directory.users = [...directory.users, owner];
    const created = await endpointOf(tenantId, owner, '/sealed');
    const row = await stored(created.id);
    expect(row.secret.startsWith('sealed:v1:test1:')).toBe(true);
    expect(row.secret).not.toContain(created.secret.slice('whsec_'.length));
    const box = SecretBox.fromSetting(t.config.WEBHOOK_SECRET_KEYS, 'WEBHOOK_SECRET_KEYS');
    expect(box.open(row.secret, secretBinding(created.id))).toBe(created.secret);
    expect(() => box.open(row.secret, secretBinding(randomUUID()))).toThrow(); // copied to another endpoint

    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${tenantId}/notifications/webhooks/${created.id}/rotate-secret`,
      headers: await t.as(principalOf(owner)),
    });
    const { secret } = rotated.json<{ secret: string }>();
    const afterRotation = await stored(created.id);
    expect([afterRotation.secret, afterRotation.previous_secret].every((v) => v?.startsWith('sealed:v1:'))).toBe(true);

    receiver.answer = () => ({ status: 200 });
    await publish(
      t,
      eventOf(OrderApproved, tenantId, { orderId: randomUUID(), proofId: randomUUID(), proofSha256: 'e'.repeat(64) }),
    );
    const delivery = await eventually(async () => {
      const got = receiver.requests.find((r) => r.url === '/sealed');
      if (!got) throw new Error('no delivery yet');
      return got;
    });
    expect(() => verifyWebhook(secret, delivery.headers, delivery.body)).not.toThrow();
    expect(() => verifyWebhook(created.secret, delivery.headers, delivery.body)).not.toThrow();
  });

  it('plh-notification reseal-webhook-secrets seals them under a new key, and those written before sealing too', async () => {
    const tenantId = randomUUID();
    const owner = practiceUser(tenantId, 'owner');
    directory.users = [...directory.users, owner];
    const current = await endpointOf(tenantId, owner, '/current');
    const legacy = await endpointOf(tenantId, owner, '/legacy');
    // An endpoint registered before secrets were sealed: its secret is stored as it is.
    await t.admin.query('UPDATE notification.webhook_endpoint SET secret = $2 WHERE id = $1', [
      legacy.id,
      legacy.secret,
    ]);

    const rotatedKeys = `next:${randomBytes(32).toString('base64')},${t.config.WEBHOOK_SECRET_KEYS}`;
    const reseal = () =>
      spawnSync(process.execPath, [path.join(__dirname, '../dist/cli.js'), 'reseal-webhook-secrets'], {
        env: {
          PATH: process.env.PATH ?? '',
          // The migrator role: it owns the table, so it reaches every practice's endpoints.
          MIGRATION_DATABASE_URL: withCredentials(
            t.test.database.adminUrl,
            rolesOf('notification').migrator,
            'notification-migrator-test',
          ),
          WEBHOOK_SECRET_KEYS: rotatedKeys,
        },
        encoding: 'utf8',
      });
    const first = reseal();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ resealed: expect.any(Number), activeKeyId: 'next' });
    expect(JSON.parse(first.stdout).resealed).toBeGreaterThanOrEqual(2);

    const box = SecretBox.fromSetting(rotatedKeys, 'WEBHOOK_SECRET_KEYS');
    for (const endpoint of [current, legacy]) {
      const row = await stored(endpoint.id);
      expect(row.secret.startsWith('sealed:v1:next:')).toBe(true);
      expect(box.open(row.secret, secretBinding(endpoint.id))).toBe(endpoint.secret);
    }
    // Nothing is left under the old key: it can be removed.
    const { rows } = await t.admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM notification.webhook_endpoint WHERE secret NOT LIKE 'sealed:v1:next:%'`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect(JSON.parse(reseal().stdout)).toEqual({ resealed: 0, activeKeyId: 'next' });
  });
});
