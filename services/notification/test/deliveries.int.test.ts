import { randomUUID } from 'node:crypto';
import { ComplianceAlertRaised, OrderApproved } from '@plh/contracts';
import { deliverTwice } from '@plh/service-kit/testing';
import { startRecorder, type Recorder } from '@plh/test-kit';
import { verifyWebhook, WebhookVerificationError } from '@plh/webhook-verify';
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

describe('deliveries: email with fail-over, signed webhooks with retries, the alert SLA', () => {
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

  function practice() {
    const tenantId = randomUUID();
    const people = {
      owner: practiceUser(tenantId, 'owner'),
      approver: practiceUser(tenantId, 'approver'),
      viewer: practiceUser(tenantId, 'viewer'),
      invited: practiceUser(tenantId, 'approver', 'invited'),
    };
    directory.users = [...directory.users, ...Object.values(people)];
    return { tenantId, ...people };
  }
  const call = async (
    who: ReturnType<typeof practiceUser>,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: await t.as(principalOf(who)), ...(payload ? { payload } : {}) });
  const sendgridBodiesTo = (address: string) =>
    providers.sendgrid.requests
      .map((r) => JSON.parse(r.body.toString()))
      .filter((b) => b.personalizations?.[0]?.to?.[0]?.email === address);

  it('order.approved delivered twice gives exactly one email per subscribed user, in SendGrid’s v3 format', async () => {
    const p = practice();
    // The approver turned approvals off for themself; the viewer is not in the topic's audience.
    const off = await call(p.approver, 'PUT', `/api/tenants/${p.tenantId}/notifications/preferences/me`, {
      topics: { 'order.approved': [] },
      phone: null,
      quietHours: null,
      timeZone: 'America/Chicago',
    });
    expect(off.statusCode).toBe(200);
    const second = practiceUser(p.tenantId, 'owner');
    directory.users = [...directory.users, second];

    const event = eventOf(OrderApproved, p.tenantId, {
      orderId: randomUUID(),
      proofId: randomUUID(),
      proofSha256: 'a'.repeat(64),
    });
    await deliverTwice(t.test.platform, 'notification-core-events', event);
    await jobsIdle(t);

    const messages = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
    expect(messages.map((m) => [m.recipient, m.channel, m.status]).sort()).toEqual(
      [
        [p.owner.id, 'email', 'sent'],
        [second.id, 'email', 'sent'],
      ].sort(),
    );
    for (const who of [p.owner, second]) {
      const bodies = sendgridBodiesTo(who.email);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toMatchObject({
        from: { email: 'notifications@patientletterhub.com', name: 'PatientLetterHub' },
        subject: 'Proof approved: your letters go to production',
        custom_args: { plh_tenant_id: p.tenantId, plh_message_id: expect.any(String) },
        tracking_settings: { click_tracking: { enable: false } },
      });
      expect(bodies[0].content.map((c: { type: string }) => c.type)).toEqual(['text/plain', 'text/html']);
      expect(bodies[0].content[0].value).toContain(`https://app.patientletterhub.test/orders/${event.data.orderId}`);
    }
    const request = providers.sendgrid.requests.at(-1)!;
    expect(request.url).toBe('/v3/mail/send');
    expect(request.headers.authorization).toBe('Bearer SG.test-key');
    for (const who of [p.approver, p.viewer, p.invited]) expect(sendgridBodiesTo(who.email)).toEqual([]);
  });

  it('a SendGrid 5xx is retried, then the email fails over to SMTP; every attempt is in the log', async () => {
    const p = practice();
    const before = providers.sendgrid.requests.length;
    providers.sendgrid.answer = () => ({ status: 503, body: '{"errors":[{"message":"unavailable"}]}' });
    try {
      await publish(
        t,
        eventOf(OrderApproved, p.tenantId, {
          orderId: randomUUID(),
          proofId: randomUUID(),
          proofSha256: 'b'.repeat(64),
        }),
      );
      const mail = await eventually(async () => {
        const got = providers.smtp.received.filter((m) => m.to.includes(p.owner.email));
        if (got.length === 0) throw new Error('no SMTP mail yet');
        return got;
      });
      expect(mail).toHaveLength(1);
      expect(mail[0]!.raw).toContain('Subject: Proof approved: your letters go to production');
      await jobsIdle(t);
    } finally {
      providers.sendgrid.answer = () => ({ status: 202, headers: { 'x-message-id': 'sg-ok' }, body: '' });
    }
    // One try and one quick retry at SendGrid, then SMTP.
    expect(providers.sendgrid.requests.length - before).toBe(4); // owner and approver: two each
    const [message] = await messagesOf(t, 'tenant_id = $1 AND recipient = $2', [p.tenantId, p.owner.id]);
    const log = await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/messages/${message!.id}`);
    expect(log.json()).toMatchObject({ status: 'sent', provider: 'smtp', attempts: 1 });
    // An email is never sent twice by a replay (only webhooks are).
    const replay = await call(
      p.owner,
      'POST',
      `/api/tenants/${p.tenantId}/notifications/messages/${message!.id}/replay`,
    );
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'MESSAGE_STATE_CONFLICT' });
    expect(
      log
        .json()
        .deliveryAttempts.map((a: { provider: string; statusCode: number; succeeded: boolean }) => [
          a.provider,
          a.statusCode,
          a.succeeded,
        ]),
    ).toEqual([
      ['sendgrid', 503, false],
      ['sendgrid', 503, false],
      ['smtp', 250, true],
    ]);
  });

  it('a receiver answering 500 three times then 200 gets the 4th attempt with the same webhook-id, and the shipped verifier accepts it', async () => {
    const p = practice();
    const created = await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/webhooks`, {
      url: `${receiver.url}/hooks/plh`,
      description: 'EHR bridge',
      topics: ['order.approved'],
    });
    expect(created.statusCode).toBe(201);
    const { id: endpointId, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: never again.
    expect(
      JSON.stringify(
        (await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/webhooks/${endpointId}`)).json(),
      ),
    ).not.toContain(secret);

    receiver.answer = (_req, i) => ({ status: i < 3 ? 500 : 200, body: i < 3 ? 'boom' : 'ok' });
    const start = receiver.requests.length;
    const event = eventOf(OrderApproved, p.tenantId, {
      orderId: randomUUID(),
      proofId: randomUUID(),
      proofSha256: 'c'.repeat(64),
    });
    await publish(t, event);
    const deliveries = await eventually(async () => {
      const got = receiver.requests.slice(start);
      if (got.length < 4) throw new Error(`${got.length} webhook attempts so far`);
      return got;
    });
    await jobsIdle(t);
    expect(receiver.requests.length - start).toBe(4);
    const ids = new Set(deliveries.map((d) => d.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const d of deliveries) {
      expect(d.url).toBe('/hooks/plh');
      expect(d.headers['content-type']).toBe('application/json');
      expect(() => verifyWebhook(secret, d.headers, d.body)).not.toThrow();
    }
    const payload = verifyWebhook<{ type: string; data: Record<string, unknown> }>(
      secret,
      deliveries[3]!.headers,
      deliveries[3]!.body,
    );
    expect(payload).toMatchObject({
      type: 'order.approved',
      data: { practiceId: p.tenantId, orderId: event.data.orderId },
    });
    // A replay of an old delivery, and the wrong secret, are refused by the partner's verifier.
    const later = new Date(Date.now() + 6 * 60_000);
    expect(() => verifyWebhook(secret, deliveries[3]!.headers, deliveries[3]!.body, { now: later })).toThrow(
      WebhookVerificationError,
    );
    expect(() =>
      verifyWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, deliveries[3]!.headers, deliveries[3]!.body),
    ).toThrow(WebhookVerificationError);

    const log = await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/messages?channel=webhook`);
    const [message] = log.json().items;
    expect(message).toMatchObject({ status: 'delivered', attempts: 4, endpointId, webhookId: [...ids][0] });
    const detail = (
      await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/messages/${message.id}`)
    ).json();
    expect(detail.deliveryAttempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(detail.deliveryAttempts[0]).toMatchObject({
      responseExcerpt: 'boom',
      succeeded: false,
      latencyMs: expect.any(Number),
    });

    // Replay of the delivered message: the same webhook-id again.
    receiver.answer = () => ({ status: 204 });
    expect(
      (await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/messages/${message.id}/replay`))
        .statusCode,
    ).toBe(202);
    const replayed = await eventually(async () => {
      if (receiver.requests.length - start < 5) throw new Error('not replayed yet');
      return receiver.requests.at(-1)!;
    });
    expect(replayed.headers['webhook-id']).toBe([...ids][0]);
    // Another practice sees none of it.
    const stranger = practice();
    expect(
      (await call(stranger.owner, 'GET', `/api/tenants/${p.tenantId}/notifications/messages/${message.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(stranger.owner, 'GET', `/api/tenants/${stranger.tenantId}/notifications/messages/${message.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(stranger.owner, 'GET', `/api/tenants/${stranger.tenantId}/notifications/webhooks/${endpointId}`))
        .statusCode,
    ).toBe(404);
  });

  it('a critical compliance alert: email and webhook delivered at once, the SLA figure recorded and reported', async () => {
    const p = practice();
    // Quiet hours all day long: a critical alert ignores them.
    await call(p.owner, 'PUT', `/api/tenants/${p.tenantId}/notifications/preferences/me`, {
      topics: {},
      phone: null,
      quietHours: { start: '00:00', end: '23:59' },
      timeZone: 'UTC',
    });
    const created = await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/notifications/webhooks`, {
      url: `${receiver.url}/compliance`,
      topics: ['compliance.alert'],
    });
    const { secret } = created.json();
    receiver.answer = () => ({ status: 200 });
    const fetchedAt = new Date(Date.now() - 3 * 60_000);
    const alert = eventOf(ComplianceAlertRaised, p.tenantId, {
      eventId: randomUUID(),
      eventType: 'exclusion_match',
      priority: 'critical',
      providerId: randomUUID(),
      source: 'oig-leie',
      sourceFetchedAt: fetchedAt.toISOString(),
    });
    await publish(t, alert);
    await eventually(async () => {
      const rows = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
      const statuses = rows.map((m) => `${m.channel}:${m.status}`).sort();
      if (!statuses.includes('webhook:delivered') || !statuses.filter((s) => s === 'email:sent').length)
        throw new Error(`not delivered yet: ${statuses.join(', ')}`);
    });
    const hook = receiver.requests.find((r) => r.url === '/compliance')!;
    expect(verifyWebhook(secret, hook.headers, hook.body)).toMatchObject({
      type: 'compliance.alert',
      data: { complianceEventId: alert.data.eventId, priority: 'critical', source: 'oig-leie' },
    });
    const email = sendgridBodiesTo(p.owner.email).at(-1);
    expect(email.subject).toBe('CRITICAL compliance alert: exclusion match');

    const { rows: sla } = await t.admin.query(
      `SELECT first_delivered_at, first_channel FROM notification.alert_delivery WHERE tenant_id = $1`,
      [p.tenantId],
    );
    expect(sla).toEqual([
      { first_delivered_at: expect.any(Date), first_channel: expect.stringMatching(/email|webhook/) },
    ]);
    const { rows: reported } = await t.admin.query(
      `SELECT payload FROM notification.outbox WHERE subject = 'plh.notification.alert.delivered' AND tenant_id = $1`,
      [p.tenantId],
    );
    expect(reported).toHaveLength(1);
    const figure = reported[0].payload.data;
    expect(figure).toMatchObject({
      eventId: alert.data.eventId,
      alertEventId: alert.id,
      withinSla: true,
      priority: 'critical',
    });
    expect(figure.deliveryMs).toBeGreaterThanOrEqual(3 * 60_000);
    expect(figure.deliveryMs).toBeLessThan(15 * 60_000);
  });
});
