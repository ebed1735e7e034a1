import { AUDIT_EVENTS, type AuditRecord, type EventEnvelope } from '@plh/contracts';
import { buildTestApp, newPractice, patientCsv, uploadList, type TestApp } from './helpers';

/** What core's outbox holds for `requestId`, in the order it was written. */
async function eventsOf(t: TestApp, requestId: string): Promise<EventEnvelope[]> {
  const { rows } = await t.admin.query<{ payload: EventEnvelope }>(
    `SELECT payload FROM core.outbox WHERE payload->'data'->>'requestId' = $1
        OR payload->>'traceparent' IN (SELECT payload->>'traceparent' FROM core.outbox WHERE payload->'data'->>'requestId' = $1)
      ORDER BY seq`,
    [requestId],
  );
  return rows.map((r) => r.payload);
}

describe('core: audit records and trace context through the unit of work', () => {
  let t: TestApp;
  const practice = newPractice();
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a change in the transaction of the change, with who, which request and the trace, and traces its events', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects`,
      headers: {
        ...(await t.as(practice.owner)),
        'x-request-id': 'req-audit-1',
        traceparent,
        'user-agent': 'audit-test/1',
      },
      payload: { name: 'Dr. Lee retires', letterType: 'provider_departure' },
    });
    expect(res.statusCode).toBe(201);
    const [audit, ...others] = await eventsOf(t, 'req-audit-1');
    expect(others).toEqual([]);
    expect(audit).toMatchObject({
      type: AUDIT_EVENTS.core.type,
      source: 'core',
      tenantId: practice.tenantId,
      data: {
        action: 'project.create',
        outcome: 'success',
        resource: { type: 'project', id: res.json().id },
        actor: { kind: 'user', id: practice.owner.id, role: 'owner' },
        phi: false,
        changes: [{ field: 'letterType', to: 'provider_departure' }],
        reason: null,
        requestId: 'req-audit-1',
        userAgent: 'audit-test/1',
      } satisfies Partial<AuditRecord>,
    });
    // The request's trace continues into the envelope (a new span of the same trace).
    expect(audit!.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('accounts for every read of PHI without carrying any of it', async () => {
    const headers = await t.as(practice.owner);
    const project = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects`,
      headers,
      payload: { name: 'Closure', letterType: 'practice_closure' },
    });
    const list = await uploadList(t, practice.owner, practice.tenantId, project.json().id, patientCsv(3));
    expect(list.json().status).toBe('validated');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${practice.tenantId}/patient-lists/${list.json().id}/recipients`,
      headers: { ...headers, 'x-request-id': 'req-audit-phi' },
    });
    expect(read.statusCode).toBe(200);
    expect(JSON.stringify(read.json())).toContain('Nuñez1');
    const events = await eventsOf(t, 'req-audit-phi');
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        action: 'patient-list.read',
        phi: true,
        resource: { type: 'patient-list', id: list.json().id },
        actor: { kind: 'user', id: practice.owner.id, role: 'owner' },
      }),
    ]);
    // No patient's name or street anywhere in core's outbox: events and audit records carry ids only.
    const { rows } = await t.admin.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM core.outbox WHERE payload::text ~ '(Nuñez|Main Street|MAIN ST)'`,
    );
    expect(rows[0]!.n).toBe('0');
  });
});
