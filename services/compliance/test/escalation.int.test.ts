import { randomUUID } from 'node:crypto';
import {
  ALL_EVENTS,
  ComplianceAlertDelivered,
  ComplianceAlertUndelivered,
  createEvent,
  EventRegistry,
} from '@plh/contracts';
import { deliverTwice } from '@plh/service-kit/testing';

import { complianceUnitOfWork } from '../src/data/unit-of-work';

import { escalateAlerts } from '../src/domain/events/escalate-alerts';

import { fillerRecords, leieCsv } from './leie-files';

import { buildTestApp, caller, opsAdmin, practice, provider, rosterOf, syncNow, type TestApp } from './helpers';
import { startSourceServer, type SourceServer } from './source-server';

/** Critical and high alerts nobody acknowledges escalate to ops, once, and settle when acknowledged. */
describe('compliance: unacknowledged alerts escalate to ops', () => {
  let t: TestApp;
  let server: SourceServer;
  const a = practice();
  const first = provider(a.tenantId, { firstName: 'Tom', lastName: 'Hale', npi: '1000000011' });
  const second = provider(a.tenantId, { firstName: 'Ida', lastName: 'Moss', npi: '1000000029' });
  const call = caller(() => t);
  const inAnHour = () => new Date(Date.now() + 61 * 60_000);
  const escalate = (now: Date) =>
    escalateAlerts(
      {
        systemWork: complianceUnitOfWork(t.test.platform.db, new EventRegistry(ALL_EVENTS)).system,
        unitOfWork: complianceUnitOfWork(t.test.platform.db, new EventRegistry(ALL_EVENTS)).run,
      },
      { afterMinutes: 60 },
      now,
    );

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('UPDATED.csv', {
      body: leieCsv([
        ...fillerRecords(20),
        { LASTNAME: 'HALE', FIRSTNAME: 'TOM', NPI: '1000000011' },
        { LASTNAME: 'MOSS', FIRSTNAME: 'IDA', NPI: '1000000029' },
      ]),
    });
    t = await buildTestApp(rosterOf([first, second]));
    await t.admin.query(`UPDATE compliance.source SET is_active = false WHERE name <> 'oig-leie'`);
    await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: server.baseUrl } });
    expect((await syncNow(t, 'oig-leie')).state).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const events = async () =>
    (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/events?limit=100`)).json().items as Array<{
      id: string;
      eventType: string;
      priority: string;
      status: string;
      providerId: string;
      metadata: Record<string, unknown>;
    }>;
  const escalatedOnTheBus = async () =>
    (
      await t.admin.query<{ id: string }>(
        `SELECT payload->'data'->>'escalatedEventId' AS id FROM compliance.outbox WHERE subject = 'plh.compliance.alert.escalated'`,
      )
    ).rows.map((r) => r.id);

  it('escalates only what waited too long without anyone acknowledging it, once', async () => {
    const alerts = (await events()).filter((e) => e.eventType === 'exclusion_match');
    expect(alerts.map((e) => e.priority)).toEqual(['critical', 'critical']);
    expect(await escalate(new Date())).toBe(0); // not late yet
    const acknowledged = alerts.find((e) => e.providerId === first.id)!;
    await call(a.approver, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${acknowledged.id}/acknowledge`);
    expect(await escalate(inAnHour())).toBe(1);
    expect(await escalate(inAnHour())).toBe(0);
    const waiting = alerts.find((e) => e.providerId === second.id)!;
    expect(await escalatedOnTheBus()).toEqual([waiting.id]);
    expect((await events()).filter((e) => e.eventType === 'alert_escalated')).toEqual([
      expect.objectContaining({
        priority: 'critical',
        status: 'active',
        providerId: second.id,
        metadata: expect.objectContaining({ escalatedEventId: waiting.id }),
      }),
    ]);
  });

  it('shows ops the open escalations, and only ops', async () => {
    const res = await call(opsAdmin, 'GET', '/api/ops/compliance/escalations');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        tenantId: a.tenantId,
        eventType: 'exclusion_match',
        priority: 'critical',
        providerId: second.id,
      }),
    ]);
    expect((await call(a.owner, 'GET', '/api/ops/compliance/escalations')).statusCode).toBe(403);
  });

  it('settles the escalation when the practice acknowledges the alert', async () => {
    const waiting = (await events()).find((e) => e.eventType === 'exclusion_match' && e.providerId === second.id)!;
    await call(a.owner, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${waiting.id}/acknowledge`);
    expect((await events()).find((e) => e.eventType === 'alert_escalated')).toMatchObject({ status: 'resolved' });
    expect((await call(opsAdmin, 'GET', '/api/ops/compliance/escalations')).json().items).toEqual([]);
  });

  it('escalates an alert again when it comes back after being settled', async () => {
    const sync = async () => expect((await syncNow(t, 'oig-leie')).state).toBe('succeeded');
    const listed = [...fillerRecords(20), { LASTNAME: 'HALE', FIRSTNAME: 'TOM', NPI: '1000000011' }];
    // Ms. Moss's listing leaves the LEIE (her alert resolves), then comes back (it is raised again).
    server.files.set('UPDATED.csv', { body: leieCsv(listed) });
    await sync();
    server.files.set('UPDATED.csv', {
      body: leieCsv([...listed, { LASTNAME: 'MOSS', FIRSTNAME: 'IDA', NPI: '1000000029' }]),
    });
    await sync();
    const back = (await events()).find((e) => e.eventType === 'exclusion_match' && e.providerId === second.id)!;
    expect(back.status).toBe('active');
    expect(await escalate(inAnHour())).toBe(1);
    expect(await escalatedOnTheBus()).toEqual([back.id, back.id]);
    expect((await call(opsAdmin, 'GET', '/api/ops/compliance/escalations')).json().items).toHaveLength(1);
  });

  it('keeps the notification service’s delivery report on the alert: the SLA figure, once', async () => {
    const [alert, other] = (await events()).filter((e) => e.priority === 'critical' || e.priority === 'high');
    const report = (eventId: string, deliveredAt: string, deliveryMs: number) =>
      createEvent(ComplianceAlertDelivered, {
        source: 'notification',
        tenantId: a.tenantId,
        data: {
          eventId,
          alertEventId: randomUUID(),
          priority: 'critical',
          channel: 'email',
          sourceAvailableAt: '2026-12-01T10:00:00.000Z',
          raisedAt: '2026-12-01T10:01:00.000Z',
          deliveredAt,
          deliveryMs,
          withinSla: true,
        },
      });
    await deliverTwice(
      t.test.platform,
      'compliance-alert-deliveries',
      report(alert!.id, '2026-12-01T10:03:00.000Z', 180_000),
    );
    // A later report of the same alert (another message reached someone) does not move the first delivery.
    await deliverTwice(
      t.test.platform,
      'compliance-alert-deliveries',
      report(alert!.id, '2026-12-01T10:09:00.000Z', 540_000),
    );
    await deliverTwice(
      t.test.platform,
      'compliance-alert-deliveries',
      createEvent(ComplianceAlertUndelivered, {
        source: 'notification',
        tenantId: a.tenantId,
        data: { eventId: other!.id, alertEventId: randomUUID(), raisedAt: '2026-12-01T10:00:00.000Z', minutes: 16 },
      }),
    );
    const listed = (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/events?limit=100`)).json().items;
    expect(listed.find((e: { id: string }) => e.id === alert!.id).alert).toMatchObject({
      deliveredAt: '2026-12-01T10:03:00.000Z',
      deliveryLatencyMs: 180_000,
      deliveryChannel: 'email',
      undeliveredEscalatedAt: null,
    });
    expect(listed.find((e: { id: string }) => e.id === other!.id).alert).toMatchObject({
      deliveredAt: null,
      undeliveredEscalatedAt: expect.any(String),
    });
  });
});
