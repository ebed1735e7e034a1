import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { ComplianceAlertRaised } from '@plh/contracts';
import { twilioSignature } from '../src/domain/sms/twilio-signature';
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
  TWILIO,
  type Providers,
  type TestApp,
} from './helpers';

/** SendGrid signs its Event Webhook with an ECDSA P-256 key; the account shows the public half in base64 (DER). */
const sendgridKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const forgerKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PUBLIC_BASE = 'https://app.patientletterhub.test';

describe('provider callbacks: SendGrid events, Twilio status and STOP / START', () => {
  let t: TestApp;
  let providers: Providers;
  const directory = directoryOf([]);

  beforeAll(async () => {
    providers = await startProviders();
    t = await buildTestApp(
      {
        ...providerEnv(providers),
        SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      },
      directory,
    );
  });
  afterAll(async () => {
    await t.close();
    await providers.close();
  });

  function practice() {
    const tenantId = randomUUID();
    const owner = practiceUser(tenantId, 'owner');
    directory.users = [...directory.users, owner];
    return { tenantId, owner };
  }
  const alert = (tenantId: string) =>
    eventOf(ComplianceAlertRaised, tenantId, {
      eventId: randomUUID(),
      eventType: 'exclusion_match',
      priority: 'high',
      providerId: null,
      source: 'oig-leie',
      sourceFetchedAt: null,
    });

  function sendgridCallback(
    events: object[],
    key = sendgridKey.privateKey,
    timestamp = String(Math.floor(Date.now() / 1000)),
  ) {
    const payload = JSON.stringify(events);
    const signature = sign('sha256', Buffer.from(timestamp + payload), key).toString('base64');
    return t.app.inject({
      method: 'POST',
      url: '/api/notifications/callbacks/sendgrid/events',
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
      payload,
    });
  }
  function twilioCallback(path: string, params: Record<string, string>, token = TWILIO.token) {
    return t.app.inject({
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(token, `${PUBLIC_BASE}${path}`, params),
      },
      payload: new URLSearchParams(params).toString(),
    });
  }

  it('SendGrid delivered and bounce events move messages on; a forged or stale callback is refused and changes nothing', async () => {
    const p = practice();
    await publish(t, alert(p.tenantId));
    await eventually(async () => {
      const [m] = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
      if (m?.status !== 'sent') throw new Error('not sent yet');
    });
    const [message] = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
    const event = {
      email: p.owner.email,
      event: 'delivered',
      timestamp: Math.floor(Date.now() / 1000),
      plh_message_id: message!.id,
      plh_tenant_id: p.tenantId,
      sg_event_id: 'e1',
    };

    const forged = await sendgridCallback([event], forgerKey.privateKey);
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    const stale = await sendgridCallback([event], sendgridKey.privateKey, String(Math.floor(Date.now() / 1000) - 600));
    expect(stale.statusCode).toBe(401);
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/callbacks/sendgrid/events',
      payload: [event],
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await messagesOf(t, 'id = $1', [message!.id]))[0]!.status).toBe('sent');

    const ok = await sendgridCallback([
      event,
      { event: 'open', plh_message_id: message!.id, plh_tenant_id: p.tenantId },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ applied: 1 });
    expect((await messagesOf(t, 'id = $1', [message!.id]))[0]!.status).toBe('delivered');

    // A bounce of another practice's message, claimed for this one, touches nothing (RLS by the signed tenant).
    const other = practice();
    const wrong = await sendgridCallback([{ ...event, event: 'bounce', plh_tenant_id: other.tenantId }]);
    expect(wrong.statusCode).toBe(200);
    expect((await messagesOf(t, 'id = $1', [message!.id]))[0]!.status).toBe('delivered');
  });

  it('STOP stops SMS to a number and START brings it back; Twilio status callbacks are verified', async () => {
    const p = practice();
    const phone = '+15551230001';
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/tenants/${p.tenantId}/notifications/preferences/me`,
      headers: await t.as(principalOf(p.owner)),
      payload: { topics: { 'compliance.alert': ['sms'] }, phone, quietHours: null, timeZone: 'UTC' },
    });
    expect(set.statusCode).toBe(200);
    const inbound = '/api/notifications/callbacks/twilio/inbound';
    const texts = { AccountSid: TWILIO.sid, From: phone, To: TWILIO.from, Body: 'Stop', MessageSid: 'SM1' };
    // A forged STOP (wrong token) is refused and opts nobody out.
    expect((await twilioCallback(inbound, texts, 'not-the-token')).statusCode).toBe(401);
    expect((await t.admin.query('SELECT 1 FROM notification.sms_opt_out WHERE phone = $1', [phone])).rowCount).toBe(0);
    const stop = await twilioCallback(inbound, texts);
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('<Response>');

    const sentBefore = providers.twilio.requests.length;
    await publish(t, alert(p.tenantId));
    await eventually(async () => {
      const rows = await messagesOf(t, 'tenant_id = $1', [p.tenantId]);
      if (rows[0]?.status !== 'suppressed') throw new Error(`not suppressed: ${rows[0]?.status}`);
    });
    await jobsIdle(t);
    expect(providers.twilio.requests.length).toBe(sentBefore);

    expect((await twilioCallback(inbound, { ...texts, Body: 'START' })).statusCode).toBe(200);
    await publish(t, alert(p.tenantId));
    const request = await eventually(async () => {
      const sent = providers.twilio.requests.slice(sentBefore);
      if (sent.length === 0) throw new Error('no SMS yet');
      return sent[0]!;
    });
    // Twilio's Messages API wire format.
    expect(request.url).toBe(`/2010-04-01/Accounts/${TWILIO.sid}/Messages.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO.sid}:${TWILIO.token}`).toString('base64')}`,
    );
    const form = Object.fromEntries(new URLSearchParams(request.body.toString()));
    expect(form).toMatchObject({
      To: phone,
      From: TWILIO.from,
      Body: expect.stringContaining('high exclusion match alert'),
    });
    const callback = new URL(form.StatusCallback!);
    expect(callback.origin).toBe(PUBLIC_BASE);

    await jobsIdle(t);
    const [sms] = await messagesOf(t, `tenant_id = $1 AND channel = 'sms' AND status = 'sent'`, [p.tenantId]);
    const statusPath = `${callback.pathname}${callback.search}`;
    const delivered = { MessageSid: 'SMx', MessageStatus: 'delivered', To: phone, AccountSid: TWILIO.sid };
    expect((await twilioCallback(statusPath, delivered, 'forged')).statusCode).toBe(401);
    expect((await messagesOf(t, 'id = $1', [sms!.id]))[0]!.status).toBe('sent');
    expect((await twilioCallback(statusPath, delivered)).statusCode).toBe(204);
    expect((await messagesOf(t, 'id = $1', [sms!.id]))[0]!.status).toBe('delivered');
  });
});
