import { randomUUID } from 'node:crypto';
import { ComplianceAlertRaised, OrderApproved, UserInvited } from '@plh/contracts';
import { startRecorder, type Recorder } from '@plh/test-kit';
import { verifyWebhook } from '@plh/webhook-verify';
import {
  buildTestApp,
  directoryOf,
  eventOf,
  eventually,
  jobsIdle,
  messagesOf,
  practiceUser,
  principalOf,
  providerEnv,
  publish,
  startProviders,
  type Providers,
  type TestApp,
} from './helpers';

/** Invitations, secret rotation, failing endpoints being disabled, replays, undelivered alerts. */
describe('message lifecycle', () => {
  let t: TestApp;
  let providers: Providers;
  let receiver: Recorder;
  const directory = directoryOf([]);
  const ops = practiceUser(randomUUID(), 'owner');
  ops.tenantId = null;
  ops.role = 'ops_admin';

  beforeAll(async () => {
    providers = await startProviders();
    receiver = await startRecorder();
    directory.users = [ops];
    t = await buildTestApp({ ...providerEnv(providers), WEBHOOK_DISABLE_AFTER_HOURS: '120' }, directory);
  });
  afterAll(async () => {
    await t.close();
    await providers.close();
    await receiver.close();
  });

  function practice() {
    const tenantId = randomUUID();
    const owner = practiceUser(tenantId, 'owner');
    directory.users = [...directory.users, owner];
    return { tenantId, owner };
  }
  const call = async (
    who: ReturnType<typeof practiceUser>,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: await t.as(principalOf(who)), ...(payload ? { payload } : {}) });
  const approved = (tenantId: string) =>
    eventOf(OrderApproved, tenantId, { orderId: randomUUID(), proofId: randomUUID(), proofSha256: 'd'.repeat(64) });

  it('emails an invitation with its one-time link to the invited user only, and forgets the link once sent', async () => {
    const p = practice();
    const invited = practiceUser(p.tenantId, 'approver', 'invited');
    directory.users = [...directory.users, invited];
    const token = `plh_inv_${randomUUID()}`;
    await publish(
      t,
      eventOf(UserInvited, p.tenantId, {
        userId: invited.id,
        inviteId: randomUUID(),
        role: 'approver',
        acceptToken: token,
        expiresAt: '2026-12-08T00:00:00.000Z',
      }),
    );
    await eventually(async () => {
      const [m] = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
      if (m?.status !== 'sent') throw new Error('not sent yet');
    });
    const bodies = providers.sendgrid.requests.map((r) => JSON.parse(r.body.toString()));
    const mail = bodies.find((b) => b.personalizations[0].to[0].email === invited.email);
    expect(mail.subject).toBe('You are invited to PatientLetterHub');
    expect(mail.content[0].value).toContain(`https://app.patientletterhub.test/invite#token=${token}`);
    expect(bodies.some((b) => b.personalizations[0].to[0].email === p.owner.email)).toBe(false);
    // The link is not kept once the email left, and never shown in the delivery log.
    const { rows } = await t.admin.query(
      `SELECT secret_values, content::text FROM notification.message WHERE tenant_id = $1`,
      [p.tenantId],
    );
    expect(rows[0].secret_values).toBeNull();
    expect(rows[0].content).not.toContain(token);
    const log = await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/messages`);
    expect(log.body).not.toContain(token);
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const p = practice();
    const created = (
      await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/webhooks`, {
        url: `${receiver.url}/rotating`,
        topics: ['order.approved'],
      })
    ).json();
    const rotated = await call(
      p.owner,
      'POST',
      `/api/tenants/${p.tenantId}/notifications/webhooks/${created.id}/rotate-secret`,
    );
    expect(rotated.statusCode).toBe(200);
    const { secret, previousSecretValidUntil } = rotated.json();
    expect(secret).not.toBe(created.secret);
    expect(new Date(previousSecretValidUntil).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    receiver.answer = () => ({ status: 200 });
    await publish(t, approved(p.tenantId));
    const delivery = await eventually(async () => {
      const got = receiver.requests.find((r) => r.url === '/rotating');
      if (!got) throw new Error('no delivery yet');
      return got;
    });
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => verifyWebhook(secret, delivery.headers, delivery.body)).not.toThrow();
    expect(() => verifyWebhook(created.secret, delivery.headers, delivery.body)).not.toThrow();
  });

  it('disables an endpoint failing for five days, tells the owners, and replays what failed since a time once enabled again', async () => {
    const p = practice();
    const created = (
      await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/webhooks`, {
        url: `${receiver.url}/down`,
        topics: ['order.approved'],
      })
    ).json();
    receiver.answer = (req) => (req.url === '/down' ? { status: 503 } : { status: 200 });
    const since = new Date();
    await publish(t, approved(p.tenantId));
    await eventually(async () => {
      const rows = await messagesOf(t, `tenant_id = $1 AND channel = 'webhook'`, [p.tenantId]);
      if (rows[0]?.status !== 'failed')
        throw new Error(`webhook ${rows[0]?.status} after ${rows[0]?.attempts} attempts`);
    });
    // Failing since six days (the clock moved on): the next failure disables it.
    await t.admin.query(
      `UPDATE notification.webhook_endpoint SET failing_since = now() - interval '6 days' WHERE id = $1`,
      [created.id],
    );
    await publish(t, approved(p.tenantId));
    await eventually(async () => {
      const endpoint = (
        await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/webhooks/${created.id}`)
      ).json();
      if (endpoint.enabled) throw new Error('still enabled');
      expect(endpoint.disabledReason).toBe('Every delivery failed for 120 hours.');
    });
    await eventually(async () => {
      const told = providers.sendgrid.requests
        .map((r) => JSON.parse(r.body.toString()))
        .filter((b) => b.subject === 'A webhook endpoint was disabled');
      if (!told.some((b) => b.personalizations[0].to[0].email === p.owner.email)) throw new Error('owner not told yet');
    });
    await jobsIdle(t);

    // Fixed: enable again and replay everything that failed since the first event.
    receiver.answer = () => ({ status: 200 });
    expect(
      (
        await call(p.owner, 'PATCH', `/api/tenants/${p.tenantId}/notifications/webhooks/${created.id}`, {
          enabled: true,
        })
      ).json(),
    ).toMatchObject({ enabled: true, failingSince: null });
    const before = receiver.requests.filter((r) => r.url === '/down').length;
    const replay = await call(
      p.owner,
      'POST',
      `/api/tenants/${p.tenantId}/notifications/webhooks/${created.id}/replay`,
      { since: since.toISOString() },
    );
    expect(replay.json()).toEqual({ replayed: 2 });
    await eventually(async () => {
      const rows = await messagesOf(t, `tenant_id = $1 AND channel = 'webhook'`, [p.tenantId]);
      if (!rows.every((r) => r.status === 'delivered')) throw new Error(rows.map((r) => r.status).join());
    });
    expect(receiver.requests.filter((r) => r.url === '/down').length - before).toBe(2);
  });

  it('escalates a critical alert that reached nobody within the SLA to the ops team, once', async () => {
    // A practice with nobody to tell and no endpoint: the alert cannot reach anyone.
    const tenantId = randomUUID();
    const alert = eventOf(ComplianceAlertRaised, tenantId, {
      eventId: randomUUID(),
      eventType: 'exclusion_match',
      priority: 'critical',
      providerId: null,
      source: 'oig-leie',
      sourceFetchedAt: new Date().toISOString(),
    });
    await publish(t, alert);
    await eventually(async () => {
      const { rowCount } = await t.admin.query('SELECT 1 FROM notification.alert_delivery WHERE tenant_id = $1', [
        tenantId,
      ]);
      if (!rowCount) throw new Error('the alert has not arrived');
    });
    // Twenty minutes later (past the 15-minute SLA) the escalation job runs.
    await t.admin.query(
      `UPDATE notification.alert_delivery SET raised_at = now() - interval '20 minutes', source_available_at = now() - interval '20 minutes' WHERE tenant_id = $1`,
      [tenantId],
    );
    const runEscalation = () =>
      t.admin.query(
        `INSERT INTO notification.job_queue (id, queue, payload) VALUES ($1, 'notification.escalate-undelivered-alerts', '{}')`,
        [randomUUID()],
      );
    await runEscalation();
    const mail = await eventually(async () => {
      const found = providers.sendgrid.requests
        .map((r) => JSON.parse(r.body.toString()))
        .find((b) => b.personalizations[0].to[0].email === ops.email);
      if (!found) throw new Error('ops not told yet');
      return found;
    });
    expect(mail.subject).toBe(`Escalation: practice ${tenantId} has not received a critical alert`);
    const { rows } = await t.admin.query(
      `SELECT payload FROM notification.outbox WHERE subject = 'plh.notification.alert.undelivered' AND tenant_id = $1`,
      [tenantId],
    );
    expect(rows.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({ eventId: alert.data.eventId, alertEventId: alert.id, minutes: 20 }),
    ]);
    await runEscalation();
    await jobsIdle(t);
    const { rows: again } = await t.admin.query(
      `SELECT count(*)::int AS n FROM notification.outbox WHERE subject = 'plh.notification.alert.undelivered' AND tenant_id = $1`,
      [tenantId],
    );
    expect(again[0].n).toBe(1);
  });

  it('delivers webhooks while the tenant service is down, and the people’s emails once it answers again', async () => {
    const p = practice();
    const created = (
      await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/webhooks`, {
        url: `${receiver.url}/while-down`,
        topics: ['order.approved'],
      })
    ).json();
    receiver.answer = () => ({ status: 200 });
    const practiceUsers = directory.practiceUsers;
    directory.practiceUsers = async () => {
      throw new Error('the tenant service does not answer');
    };
    try {
      await publish(t, approved(p.tenantId));
      await eventually(async () => {
        if (!receiver.requests.some((r) => r.url === '/while-down')) throw new Error('no webhook yet');
      });
      expect((await messagesOf(t, `tenant_id = $1 AND channel = 'email'`, [p.tenantId])).length).toBe(0);
    } finally {
      directory.practiceUsers = practiceUsers;
    }
    // The notice's job is retried (backoff) and plans the owner's email; the webhook is not sent twice.
    await eventually(
      async () => {
        const [email] = await messagesOf(t, `tenant_id = $1 AND channel = 'email'`, [p.tenantId]);
        if (email?.status !== 'sent') throw new Error(`email ${email?.status ?? 'not planned'} yet`);
      },
      { timeoutMs: 30_000 },
    );
    expect(receiver.requests.filter((r) => r.url === '/while-down')).toHaveLength(1);
    expect(created.id).toBeDefined();
  });
});
