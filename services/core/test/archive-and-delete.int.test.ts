import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Principal } from '@plh/service-kit';
import { buildTestApp, newPractice, patientCsv, uploadList, type TestApp } from './helpers';

describe('core: deleting a patient list, archiving a campaign', () => {
  let t: TestApp;
  const practice = newPractice();

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (who: Principal, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/tenants/${practice.tenantId}${url}`,
      headers: await t.as(who),
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  async function quotedList() {
    const project = (await call(practice.owner, 'POST', '/projects', { name: 'Oops', letterType: 'other' })).json();
    const list = (await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(4))).json();
    expect((await call(practice.owner, 'POST', `/patient-lists/${list.id}/accept`)).statusCode).toBe(200);
    const quote = await call(practice.owner, 'POST', '/quotes', {
      projectId: project.id,
      listId: list.id,
      options: { pages: 1, postageClass: 'first_class' },
    });
    expect(quote.statusCode).toBe(201);
    return { projectId: project.id as string, listId: list.id as string, quoteId: quote.json().id as string };
  }
  const stored = async (listId: string) => {
    const [row] = (
      await t.admin.query<{ patients: number; issues: number; storage_key: string; deleted_reason: string | null }>(
        `SELECT (SELECT count(*) FROM core.patient WHERE list_id = l.id)::int AS patients,
                (SELECT count(*) FROM core.patient_list_issue WHERE list_id = l.id)::int AS issues,
                r.storage_key, r.deleted_reason
           FROM core.patient_list l JOIN core.file_revision r ON r.id = l.file_revision_id WHERE l.id = $1`,
        [listId],
      )
    ).rows;
    return { ...row!, onDisk: existsSync(path.join(t.filesDir, ...row!.storage_key.split('/'))) };
  };

  it('deletes a mistaken upload: its encrypted rows, issues and file go, its quotes expire, the record stays', async () => {
    const { listId, quoteId } = await quotedList();
    expect(await stored(listId)).toMatchObject({ patients: 4, onDisk: true, deleted_reason: null });
    // Not the viewer's to delete, and another practice does not even see it.
    expect((await call(practice.viewer, 'DELETE', `/patient-lists/${listId}`)).statusCode).toBe(403);
    const other = newPractice();
    const theirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/tenants/${other.tenantId}/patient-lists/${listId}`,
      headers: await t.as(other.owner),
    });
    expect(theirs.statusCode).toBe(404);

    const deleted = await call(practice.owner, 'DELETE', `/patient-lists/${listId}`);
    expect(deleted.statusCode).toBe(204);
    expect(await stored(listId)).toEqual(
      expect.objectContaining({ patients: 0, issues: 0, onDisk: false, deleted_reason: 'deleted' }),
    );
    expect((await call(practice.owner, 'GET', `/patient-lists/${listId}`)).json()).toMatchObject({ status: 'deleted' });
    const order = await call(practice.owner, 'POST', '/orders', { quoteId });
    expect(order.statusCode).toBe(409);
    expect(order.json()).toMatchObject({ code: 'QUOTE_NOT_AVAILABLE' });
    // Deleting again changes nothing; the deletion is audited once, with no patient data.
    expect((await call(practice.owner, 'DELETE', `/patient-lists/${listId}`)).statusCode).toBe(204);
    const audits = await t.admin.query<{ action: string }>(
      `SELECT payload->'data'->>'action' AS action FROM core.outbox
        WHERE payload->'data'->'resource'->>'id' = $1 AND payload->'data'->>'action' = 'patient-list.delete'`,
      [listId],
    );
    expect(audits.rowCount).toBe(1);
  });

  it('refuses to delete a list an open order mails, and deletes it once the order is cancelled', async () => {
    const { listId, quoteId } = await quotedList();
    const order = (await call(practice.owner, 'POST', '/orders', { quoteId })).json();
    const refused = await call(practice.owner, 'DELETE', `/patient-lists/${listId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'PATIENT_LIST_IN_USE',
      detail: expect.stringContaining(`#${order.number}`),
    });
    expect((await stored(listId)).patients).toBe(4);
    await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/orders/${order.id}/cancel`,
      headers: { ...(await t.as(practice.owner)), 'if-match': `W/"${order.version}"` },
    });
    expect((await call(practice.owner, 'DELETE', `/patient-lists/${listId}`)).statusCode).toBe(204);
  });

  it('refuses to delete a list while it is being imported (the import would bring its rows back)', async () => {
    const { listId } = await quotedList();
    await t.admin.query(`UPDATE core.patient_list SET status = 'importing' WHERE id = $1`, [listId]);
    const refused = await call(practice.owner, 'DELETE', `/patient-lists/${listId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PATIENT_LIST_NOT_READY' });
    expect((await stored(listId)).patients).toBe(4);
  });

  it('archives a campaign: hidden from the list, no new lists or quotes, until it is restored', async () => {
    const { projectId, listId } = await quotedList();
    const archived = await call(practice.owner, 'POST', `/projects/${projectId}/archive`);
    expect(archived.json()).toMatchObject({ id: projectId, archivedAt: expect.any(String) });
    const current = (await call(practice.owner, 'GET', '/projects?limit=500')).json();
    expect(current.items.map((p: { id: string }) => p.id)).not.toContain(projectId);
    const old = (await call(practice.owner, 'GET', '/projects?archived=true')).json();
    expect(old.items.map((p: { id: string }) => p.id)).toContain(projectId);
    const upload = await uploadList(t, practice.owner, practice.tenantId, projectId, patientCsv(1));
    expect(upload.statusCode).toBe(409);
    expect(upload.json()).toMatchObject({ code: 'PROJECT_ARCHIVED' });
    const quote = await call(practice.owner, 'POST', '/quotes', {
      projectId,
      listId,
      options: { pages: 1, postageClass: 'first_class' },
    });
    expect(quote.json()).toMatchObject({ code: 'PROJECT_ARCHIVED' });
    expect((await call(practice.owner, 'POST', `/projects/${projectId}/restore`)).json()).toMatchObject({
      archivedAt: null,
    });
    expect((await uploadList(t, practice.owner, practice.tenantId, projectId, patientCsv(1))).statusCode).toBe(200);
  });

  it('pages the campaigns newest first with a cursor', async () => {
    const fresh = newPractice();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/tenants/${fresh.tenantId}/projects`,
            headers: await t.as(fresh.owner),
            payload: { name: `Campaign ${i}`, letterType: 'other' },
          })
        ).json().id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): { items: Array<{ id: string }>; next: string | null } } = await t.app.inject({
        method: 'GET',
        url: `/api/tenants/${fresh.tenantId}/projects?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: await t.as(fresh.owner),
      });
      seen.push(...page.json().items.map((p) => p.id));
      cursor = page.json().next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('pages the orders newest first with a cursor, filtered by project', async () => {
    const placed: Array<{ id: string; projectId: string }> = [];
    for (let i = 0; i < 3; i++) {
      const { projectId, quoteId } = await quotedList();
      placed.push({ id: (await call(practice.owner, 'POST', '/orders', { quoteId })).json().id, projectId });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): { items: Array<{ id: string }>; next: string | null } } = await call(
        practice.owner,
        'GET',
        `/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.json().items.map((o) => o.id));
      cursor = page.json().next;
    } while (cursor);
    // Newest first; other tests' orders of this practice are older and come after.
    expect(seen.slice(0, 3)).toEqual(placed.map((o) => o.id).reverse());
    expect(new Set(seen).size).toBe(seen.length);
    const one = (await call(practice.owner, 'GET', `/orders?projectId=${placed[1]!.projectId}`)).json();
    expect(one.items.map((o: { id: string }) => o.id)).toEqual([placed[1]!.id]);
    expect((await call(practice.owner, 'GET', '/orders?cursor=garbage')).statusCode).toBe(400);
  });
});
