import { randomUUID } from 'node:crypto';
import { createEvent, ProofJobReady } from '@plh/contracts';
import type { Principal } from '@plh/service-kit';
import { deliverTwice } from '@plh/service-kit/testing';
import { buildTestApp, newPractice, opsAgent, patientCsv, uploadList, type TestApp } from './helpers';

/** Every list a web app shows, a page at a time: quotes, invoices, an order's timeline, a list's recipients. */
describe('core: paged lists', () => {
  let t: TestApp;
  const practice = newPractice();
  const other = newPractice();
  const ops = opsAgent();

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
    t.app.inject({
      method,
      url: `/api/tenants/${who.tenantId ?? practice.tenantId}${url}`,
      headers: { ...(await t.as(who)), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** Follows `next` from the first page to the last; answers every item in order, and the page count. */
  async function allPages<T>(who: Principal, url: string, limit: number): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await call(who, 'GET', `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: T[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.next;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  async function quoted(n: number) {
    const project = (await call(practice.owner, 'POST', '/projects', { name: 'Move', letterType: 'other' })).json();
    const list = (await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(n))).json();
    await call(practice.owner, 'POST', `/patient-lists/${list.id}/accept`);
    const options = { pages: 1, color: false, duplex: false, postageClass: 'first_class' };
    const quote = await call(practice.owner, 'POST', '/quotes', { projectId: project.id, listId: list.id, options });
    expect(quote.statusCode).toBe(201);
    return { projectId: project.id as string, listId: list.id as string, quoteId: quote.json().id as string };
  }

  /** An order walked to `mailed`: its proof arrives as the proof engine's event, the practice approves, ops mail. */
  async function mailed(quoteId: string) {
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId })).json();
    const jobId = randomUUID();
    const storageKey = `tenants/${practice.tenantId}/proofs/${order.id}/${jobId}.pdf`;
    await deliverTwice(
      t.test.platform,
      'core-proof-jobs',
      createEvent(ProofJobReady, {
        source: 'proof',
        tenantId: practice.tenantId,
        data: { jobId, orderId: order.id, kind: 'proof', storageKey, sha256: 'b'.repeat(64), pageCount: 1 },
      }),
    );
    const [proof] = (await call(practice.owner, 'GET', `/orders/${order.id}/proofs`)).json().proofs;
    const approval = { decision: 'approved', proofId: proof.id, proofSha256: 'b'.repeat(64) };
    expect((await call(practice.approver, 'POST', `/orders/${order.id}/approval`, approval)).statusCode).toBe(200);
    for (const action of ['start_production', 'mark_mailed']) {
      const version = (await call(ops, 'GET', `/orders/${order.id}`)).json().version as number;
      const res = await call(ops, 'POST', `/orders/${order.id}/${action}`, {}, { 'if-match': `W/"${version}"` });
      expect([action, res.statusCode]).toEqual([action, 200]);
    }
    return order.id as string;
  }

  it('pages the quotes newest first, by project, list and status, and shows another practice none', async () => {
    const a = await quoted(2);
    const b = await quoted(3);
    const c = await quoted(1);
    const all = await allPages<{ id: string }>(practice.owner, '/quotes', 2);
    expect(all.items.map((q) => q.id)).toEqual([c.quoteId, b.quoteId, a.quoteId]);
    expect(all.pages).toBe(2);
    const ofB = await allPages<{ id: string; recipients: number }>(practice.owner, `/quotes?listId=${b.listId}`, 5);
    expect(ofB.items).toEqual([expect.objectContaining({ id: b.quoteId, recipients: 3 })]);
    const ofA = await allPages<{ id: string }>(practice.owner, `/quotes?projectId=${a.projectId}&status=issued`, 5);
    expect(ofA.items.map((q) => q.id)).toEqual([a.quoteId]);
    expect((await allPages(other.owner, '/quotes', 5)).items).toEqual([]);
    const bad = await call(practice.owner, 'GET', '/quotes?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/querystring/cursor' }] });
  });

  it('pages an order’s timeline oldest first and its invoices newest first; another practice’s order is 404', async () => {
    const first = await mailed((await quoted(2)).quoteId);
    const second = await mailed((await quoted(1)).quoteId);
    const timeline = await allPages<{ from: string | null; to: string }>(
      practice.owner,
      `/orders/${first}/timeline`,
      2,
    );
    expect(timeline.items.map((e) => e.to)).toEqual([
      'ordered',
      'proof_pending',
      'proof_ready',
      'approved',
      'in_production',
      'mailed',
    ]);
    expect(timeline.pages).toBe(3);
    expect((await allPages(practice.owner, `/orders/${first}/timeline?kind=problem`, 5)).items).toEqual([]);
    expect((await call(other.owner, 'GET', `/orders/${first}/timeline`)).statusCode).toBe(404);

    const invoices = await allPages<{ orderId: string; number: number }>(practice.owner, '/invoices', 1);
    expect(invoices.items.map((i) => i.orderId)).toEqual([second, first]);
    expect(invoices.items[0]!.number).toBeGreaterThan(invoices.items[1]!.number);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await allPages(practice.owner, `/invoices?issuedFrom=${future}`, 5)).items).toEqual([]);
    expect((await allPages(other.owner, '/invoices', 5)).items).toEqual([]);
  });

  it('pages a list’s recipients in row order with the total, every page a PHI read', async () => {
    const { listId } = await quoted(5);
    const recipients = await allPages<{ row: number; name: string }>(
      practice.owner,
      `/patient-lists/${listId}/recipients`,
      2,
    );
    expect(recipients.items.map((r) => [r.row, r.name])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [i + 1, `Pat${i} Nuñez${i}`]),
    );
    expect(recipients.pages).toBe(3);
    const first = await call(practice.owner, 'GET', `/patient-lists/${listId}/recipients?limit=2`);
    expect(first.json()).toMatchObject({ total: 5, next: expect.any(String) });
    const reads = await t.admin.query(
      `SELECT 1 FROM core.outbox WHERE payload->'data'->>'action' = 'patient-list.read'
         AND payload->'data'->'resource'->>'id' = $1`,
      [listId],
    );
    expect(reads.rowCount).toBe(4);
    expect((await call(other.owner, 'GET', `/patient-lists/${listId}/recipients`)).statusCode).toBe(404);
    // The old skip/take paging is refused, not silently answered with page 1; so is a forged position.
    expect((await call(practice.owner, 'GET', `/patient-lists/${listId}/recipients?skip=2&take=2`)).statusCode).toBe(
      400,
    );
    const forged = Buffer.from(JSON.stringify(['recipient', '99999999999'])).toString('base64url');
    const res = await call(practice.owner, 'GET', `/patient-lists/${listId}/recipients?cursor=${forged}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ pointer: '/querystring/cursor' }] });
  });
});
