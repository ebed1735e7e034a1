import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { buildTestApp, directoryOf, practiceUser, principalOf, type TestApp } from './helpers';

/**
 * Production mode (no private targets allowed): what the API refuses, with problem+json, and that a
 * refusal queues nothing. The send API for services and ops.
 */
describe('bad input is refused and changes nothing; the send API', () => {
  let t: TestApp;
  const tenantId = randomUUID();
  const owner = practiceUser(tenantId, 'owner');
  const viewer = practiceUser(tenantId, 'viewer');
  const directory = directoryOf([owner, viewer]);
  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };

  beforeAll(async () => {
    t = await buildTestApp({ RUN_JOBS: 'false', WEBHOOK_MAX_PAYLOAD_BYTES: '2048' }, directory);
  });
  afterAll(() => t.close());

  const asService = async (scopes: string[]) => ({
    'x-plh-internal-token': await signInternalToken(
      t.keys.signer('compliance'),
      { kind: 'service', id: 'compliance', tenantId: null, role: null, scopes },
      'notification',
    ),
  });
  const counts = async () => {
    const { rows } = await t.admin.query<{ messages: number; endpoints: number; jobs: number }>(
      `SELECT (SELECT count(*)::int FROM notification.message) AS messages,
              (SELECT count(*)::int FROM notification.webhook_endpoint) AS endpoints,
              (SELECT count(*)::int FROM notification.job_queue WHERE queue = 'notification.deliver') AS jobs`,
    );
    return rows[0]!;
  };
  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } },
    status: number,
    code?: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (code) expect(res.json().code).toBe(code);
  };

  it('refuses webhook URLs to loopback, private, link-local and metadata addresses, and names resolving to them', async () => {
    const before = await counts();
    const headers = await t.as(principalOf(owner));
    for (const url of [
      'https://127.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://[::1]/hook',
      'https://localhost:8443/hook',
      `https://${os.hostname()}/hook`,
      'ftp://partner.example/hook',
      'https://user:secret@partner.example/hook',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/tenants/${tenantId}/notifications/webhooks`,
        headers,
        payload: { url, topics: ['order.approved'] },
      });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 422 });
      expect(res.json()).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    }
    // A topic partners may not subscribe to (it carries a one-time link), and unknown ones.
    for (const topics of [['user.invited'], ['order.exploded'], []])
      expectProblem(
        await t.app.inject({
          method: 'POST',
          url: `/api/tenants/${tenantId}/notifications/webhooks`,
          headers,
          payload: { url: 'https://93.184.216.34/hook', topics },
        }),
        topics.length ? 422 : 400,
      );
    expect(await counts()).toEqual(before);
  });

  it('refuses invalid addresses and numbers, oversized payloads and wrong callers on the send API, queueing nothing', async () => {
    const before = await counts();
    const ops = await t.as(opsAdmin);
    for (const to of [
      'not-an-email',
      'a@b',
      'two@one.example, three@one.example',
      'Name <x@y.example>',
      `${'a'.repeat(250)}@x.example`,
    ])
      expectProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/notifications/email',
          headers: ops,
          payload: { to, subject: 's', text: 't' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    for (const to of ['5551234567', '+0155512345', '+1 555 123 4567', '+1555123456789012'])
      expectProblem(
        await t.app.inject({
          method: 'POST',
          url: '/api/notifications/sms',
          headers: ops,
          payload: { to, text: 'hi' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/notifications/webhook',
        headers: ops,
        payload: { tenantId, type: 'order.approved', data: { blob: 'x'.repeat(4096) } },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/notifications/webhook',
        headers: ops,
        payload: { tenantId, type: 'user.invited', data: {} },
      }),
      422,
      'TOPIC_NOT_ALLOWED',
    );
    // A practice's owner, and a service without the scope, may not use the send API.
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/notifications/email',
        headers: await t.as(principalOf(owner)),
        payload: { to: 'x@y.example', subject: 's', text: 't' },
      }),
      403,
    );
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/notifications/email',
        headers: await asService(['roster:read']),
        payload: { to: 'x@y.example', subject: 's', text: 't' },
      }),
      403,
    );
    // Preferences: a topic that cannot be chosen, a bad number or time zone, a viewer setting the practice's.
    const ownHeaders = await t.as(principalOf(viewer));
    for (const payload of [
      { topics: { 'user.invited': [] }, phone: null, quietHours: null, timeZone: 'UTC' },
      { topics: {}, phone: '555-1234', quietHours: null, timeZone: 'UTC' },
      { topics: {}, phone: null, quietHours: { start: '25:00', end: '07:00' }, timeZone: 'UTC' },
      { topics: {}, phone: null, quietHours: null, timeZone: 'Mars/Olympus_Mons' },
      { topics: { 'order.approved': ['fax'] }, phone: null, quietHours: null, timeZone: 'UTC' },
    ]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/tenants/${tenantId}/notifications/preferences/me`,
        headers: ownHeaders,
        payload,
      });
      expect([400, 422]).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expectProblem(
      await t.app.inject({
        method: 'PUT',
        url: `/api/tenants/${tenantId}/notifications/preferences`,
        headers: ownHeaders,
        payload: { topics: {} },
      }),
      403,
    );
    expect(await counts()).toEqual(before);
    expect((await t.admin.query('SELECT count(*)::int AS n FROM notification.preference')).rows[0].n).toBe(0);
  });

  it('queues an email and an SMS for a service with notifications:send and answers their status by id', async () => {
    const headers = await asService(['notifications:send']);
    const email = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/email',
      headers,
      payload: {
        tenantId,
        to: 'Front.Desk+plh@Clinic.example',
        subject: 'Quarterly review',
        text: 'See the dashboard.',
      },
    });
    expect(email.statusCode).toBe(202);
    expect(email.json()).toEqual({ id: expect.any(String), status: 'queued' });
    const sms = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/sms',
      headers,
      payload: { to: '+15551230000', text: 'Hi' },
    });
    expect(sms.statusCode).toBe(202);
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/notifications/status/${email.json().id}`,
      headers: await t.as(opsAdmin),
    });
    expect(status.json()).toMatchObject({
      id: email.json().id,
      channel: 'email',
      status: 'queued',
      toAddress: 'Front.Desk+plh@Clinic.example',
      deliveryAttempts: [],
    });
    // The platform's own messages (no practice) are kept apart: the practice never sees them.
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${tenantId}/notifications/messages`,
      headers: await t.as(principalOf(owner)),
    });
    expect(log.json().items.map((m: { id: string }) => m.id)).toEqual([email.json().id]);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/notifications/status/${randomUUID()}`,
          headers: await t.as(opsAdmin),
        })
      ).statusCode,
    ).toBe(404);
  });
});
