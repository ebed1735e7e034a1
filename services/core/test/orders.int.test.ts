import { randomUUID } from 'node:crypto';
import { createEvent, ProofJobReady } from '@plh/contracts';
import type { Principal } from '@plh/service-kit';
import { deliverTwice } from '@plh/service-kit/testing';
import { buildTestApp, newPractice, opsAgent, patientCsv, uploadList, type TestApp } from './helpers';

describe('core: quotes and orders', () => {
  let t: TestApp;
  const practice = newPractice();
  const ops = opsAgent();

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) =>
    t.app.inject({
      method,
      url: `/api/tenants/${practice.tenantId}${url}`,
      headers: { ...(await t.as(who)), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** project → accepted list of `n` → issued quote. */
  async function quoted(n = 3) {
    const project = (
      await call(practice.owner, 'POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })
    ).json();
    const list = await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(n));
    await call(practice.owner, 'POST', `/patient-lists/${list.json().id}/accept`);
    const quote = await call(practice.approver, 'POST', '/quotes', {
      projectId: project.id,
      listId: list.json().id,
      options: { pages: 2, color: false, duplex: true, postageClass: 'first_class' },
    });
    expect(quote.statusCode).toBe(201);
    return { project, listId: list.json().id as string, quote: quote.json() };
  }

  it('attaches a proof once when its ProofJobReady is delivered twice (one proof, one status change)', async () => {
    const { quote } = await quoted(2);
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId: quote.id })).json();
    const jobId = randomUUID();
    await deliverTwice(
      t.test.platform,
      'core-proof-jobs',
      createEvent(ProofJobReady, {
        source: 'proof',
        tenantId: practice.tenantId,
        data: {
          jobId,
          orderId: order.id,
          kind: 'proof',
          storageKey: `tenants/${practice.tenantId}/proofs/${order.id}/${jobId}.pdf`,
          sha256: 'b'.repeat(64),
          pageCount: 2,
        },
      }),
    );
    const proofs = (await call(practice.owner, 'GET', `/orders/${order.id}/proofs`)).json().proofs;
    expect(proofs).toHaveLength(1);
    const changes = await t.admin.query<{ to: string }>(
      `SELECT payload->'data'->>'to' AS to FROM core.outbox
        WHERE subject = 'plh.core.order.status-changed' AND payload->'data'->>'orderId' = $1 ORDER BY seq`,
      [order.id],
    );
    expect(changes.rows.map((r) => r.to)).toEqual(['ordered', 'proof_pending', 'proof_ready']);
  });

  it('freezes a quote with lines and totals in cents', async () => {
    const { quote } = await quoted(3);
    expect(quote).toMatchObject({ status: 'issued', recipients: 3, currency: 'USD' });
    expect(quote.totalCents).toBe(quote.subtotalCents + quote.postageCents);
    expect(quote.lines.map((l: { code: string }) => l.code)).toEqual(['production', 'postage_first_class']);
  });

  it('refuses a quote for a list that was not accepted', async () => {
    const project = (await call(practice.owner, 'POST', '/projects', { name: 'x', letterType: 'other' })).json();
    const list = await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(1));
    const res = await call(practice.owner, 'POST', '/quotes', {
      projectId: project.id,
      listId: list.json().id,
      options: { pages: 1, color: false, duplex: false, postageClass: 'marketing' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PATIENT_LIST_NOT_READY' });
  });

  it('walks an order through its life with ETags, refusing illegal steps without changing anything', async () => {
    const { quote } = await quoted();
    const placed = await call(practice.approver, 'POST', '/orders', { quoteId: quote.id });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ number: expect.any(Number), status: 'ordered', version: 1 });
    expect(placed.headers.etag).toBe('W/"1"');
    expect(order.availableActions).toEqual([
      {
        action: 'cancel',
        method: 'POST',
        path: `/api/tenants/${practice.tenantId}/orders/${order.id}/cancel`,
        ifMatch: true,
        body: null,
      },
    ]);

    // A second order for the same quote is a conflict.
    expect((await call(practice.approver, 'POST', '/orders', { quoteId: quote.id })).json()).toMatchObject({
      code: 'QUOTE_NOT_AVAILABLE',
    });

    const act = (who: Principal, action: string, etag?: string) =>
      call(who, 'POST', `/orders/${order.id}/${action}`, {}, etag ? { 'if-match': etag } : {});
    // The practice cannot run production steps; an ordered order cannot be mailed.
    const refused = [
      [await act(practice.approver, 'start_production'), 409, 'ORDER_STATE_CONFLICT'],
      [await act(ops, 'mark_mailed'), 409, 'ORDER_STATE_CONFLICT'],
      [await act(practice.viewer, 'cancel'), 403, 'FORBIDDEN'],
    ] as const;
    for (const [res, status, code] of refused) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code });
    }
    expect((await call(practice.owner, 'GET', `/orders/${order.id}`)).json()).toMatchObject({
      status: 'ordered',
      version: 1,
    });

    expect((await act(ops, 'request_proof', 'W/"1"')).json()).toMatchObject({ status: 'proof_pending', version: 2 });
    // A stale ETag is 412 and changes nothing.
    const stale = await act(ops, 'fail', 'W/"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const now = await call(practice.owner, 'GET', `/orders/${order.id}`);
    expect(now.json()).toMatchObject({ status: 'proof_pending', version: 2 });
    expect(now.headers.etag).toBe('W/"2"');
    expect(now.json().timeline.map((e: { from: string | null; to: string }) => [e.from, e.to])).toEqual([
      [null, 'ordered'],
      ['ordered', 'proof_pending'],
    ]);
    const cancelled = await act(practice.owner, 'cancel', 'W/"2"');
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', availableActions: [] });

    // Every change went out as an event, through the outbox.
    const events = await t.admin.query<{ subject: string }>(
      `SELECT subject FROM core.outbox WHERE payload->'data'->>'orderId' = $1 ORDER BY seq`,
      [order.id],
    );
    expect(events.rows.map((r) => r.subject)).toEqual([
      'plh.core.order.status-changed',
      'plh.core.order.placed',
      'plh.core.order.status-changed',
      'plh.core.order.status-changed',
      'plh.core.order.cancelled',
    ]);
  });

  it('takes the seed API’s PUT with a status as the one action leading there', async () => {
    const { quote } = await quoted(1);
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId: quote.id })).json();
    const url = `/orders/${order.id}`;
    const jump = await call(ops, 'PUT', url, { status: 'mailed' });
    expect(jump.statusCode).toBe(409);
    expect(jump.json()).toMatchObject({ code: 'ORDER_STATE_CONFLICT' });
    const stale = await call(ops, 'PUT', url, { status: 'proof_pending' }, { 'if-match': 'W/"7"' });
    expect(stale.statusCode).toBe(412);
    const moved = await call(ops, 'PUT', url, { status: 'proof_pending' }, { 'if-match': 'W/"1"' });
    expect(moved.json()).toMatchObject({ status: 'proof_pending', version: 2 });
    expect(
      (await call(practice.owner, 'PUT', url, { status: 'cancelled', reason: 'wrong list' })).json(),
    ).toMatchObject({
      status: 'cancelled',
    });
  });

  it('closes the free cancellation window for the practice, not for ops', async () => {
    const closed = await buildTestApp({ CANCEL_WINDOW_MINUTES: '0' });
    try {
      const as = (p: Principal) => closed.as(p);
      const h = async (p: Principal) => ({ ...(await as(p)) });
      const base = `/api/tenants/${practice.tenantId}`;
      const project = await closed.app.inject({
        method: 'POST',
        url: `${base}/projects`,
        headers: await h(practice.owner),
        payload: { name: 'x', letterType: 'other' },
      });
      const list = await uploadList(closed, practice.owner, practice.tenantId, project.json().id, patientCsv(1));
      await closed.app.inject({
        method: 'POST',
        url: `${base}/patient-lists/${list.json().id}/accept`,
        headers: await h(practice.owner),
      });
      const quote = await closed.app.inject({
        method: 'POST',
        url: `${base}/quotes`,
        headers: await h(practice.owner),
        payload: {
          projectId: project.json().id,
          listId: list.json().id,
          options: { pages: 1, postageClass: 'first_class' },
        },
      });
      const order = await closed.app.inject({
        method: 'POST',
        url: `${base}/orders`,
        headers: await h(practice.owner),
        payload: { quoteId: quote.json().id },
      });
      expect([project.statusCode, list.statusCode, quote.statusCode, order.statusCode]).toEqual([201, 200, 201, 201]);
      const url = `${base}/orders/${order.json().id}/cancel`;
      const byPractice = await closed.app.inject({ method: 'POST', url, headers: await h(practice.owner) });
      expect(byPractice.json()).toMatchObject({ code: 'CANCEL_WINDOW_CLOSED' });
      const byOps = await closed.app.inject({
        method: 'POST',
        url,
        headers: await h(ops),
        payload: { reason: 'asked by phone' },
      });
      expect(byOps.json()).toMatchObject({ status: 'cancelled' });
    } finally {
      await closed.close();
    }
  });

  it('replays a POST with the same Idempotency-Key and body, and refuses the key for another body', async () => {
    const key = `order-${randomUUID()}`;
    const body = { name: 'Idempotent campaign', letterType: 'policy_change' };
    const first = await call(practice.owner, 'POST', '/projects', body, { 'idempotency-key': key });
    const again = await call(practice.owner, 'POST', '/projects', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const projects = (await call(practice.owner, 'GET', '/projects')).json().items;
    expect(projects.filter((p: { name: string }) => p.name === body.name)).toHaveLength(1);
    const other = await call(
      practice.owner,
      'POST',
      '/projects',
      { ...body, name: 'Another' },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const bad = await call(practice.owner, 'POST', '/projects', body, { 'idempotency-key': 'short' });
    expect(bad.statusCode).toBe(422);
  });

  it('replays the whole answer: its ETag with its body (the next If-Match needs it)', async () => {
    const { quote } = await quoted(2);
    const key = `order-${randomUUID()}`;
    const first = await call(practice.owner, 'POST', '/orders', { quoteId: quote.id }, { 'idempotency-key': key });
    const again = await call(practice.owner, 'POST', '/orders', { quoteId: quote.id }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(first.headers.etag).toMatch(/^W\/"\d+"$/);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.statusCode).toBe(201);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.json()).toEqual(first.json());
  });

  it('shows ops one queue across practices (no PHI), and each practice its own dashboard', async () => {
    const { quote } = await quoted(2);
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId: quote.id })).json();
    const other = newPractice();
    const otherProject = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${other.tenantId}/projects`,
      headers: await t.as(other.owner),
      payload: { name: 'x', letterType: 'other' },
    });
    expect(otherProject.statusCode).toBe(201);

    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/ops/orders?status=ordered',
      headers: await t.as(ops),
    });
    expect(queue.statusCode).toBe(200);
    const body = queue.json();
    expect(body.counts.ordered).toBeGreaterThanOrEqual(1);
    expect(body.items.every((i: { status: string }) => i.status === 'ordered')).toBe(true);
    expect(body.items).toContainEqual(
      expect.objectContaining({ id: order.id, tenantId: practice.tenantId, recipients: 2 }),
    );
    expect(JSON.stringify(body)).not.toMatch(/Nuñez|MAIN|Pat\d/);
    const forCustomer = await t.app.inject({
      method: 'GET',
      url: '/api/ops/orders',
      headers: await t.as(practice.owner),
    });
    expect(forCustomer.statusCode).toBe(403);

    const dashboard = (await call(practice.viewer, 'GET', '/dashboard')).json();
    expect(dashboard.ordersByStatus.ordered).toBeGreaterThanOrEqual(1);
    expect(dashboard.openOrders).toBeGreaterThanOrEqual(1);
    const otherDashboard = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/dashboard`,
      headers: await t.as(other.owner),
    });
    expect(otherDashboard.json()).toMatchObject({ projects: 1, openOrders: 0, ordersByStatus: {} });
  });

  it('keeps practices apart: another tenant’s order is 404', async () => {
    const { quote } = await quoted(1);
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId: quote.id })).json();
    const other = newPractice();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/orders/${order.id}`,
      headers: await t.as(other.owner),
    });
    expect(res.statusCode).toBe(404);
    const sneaky = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${practice.tenantId}/orders/${order.id}`,
      headers: await t.as(other.owner),
    });
    expect(sneaky.statusCode).toBe(404);
  });
});
