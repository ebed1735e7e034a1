import { randomUUID } from 'node:crypto';
import { signInternalToken, type Principal } from '@plh/service-kit';
import { provisionTenant } from '../src/seeding';
import { buildTestApp, outboxOf, type TestApp } from './helpers';

const provider = {
  npi: '1234567893',
  firstName: 'Nguyễn',
  lastName: 'Thị Minh',
  dateOfBirth: '1970-04-12',
  licenseState: 'ca',
  licenseNumber: 'A123456',
  specialty: 'Family Medicine',
};

describe('provider roster', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Cedar Clinic',
      ownerEmail: `owner-${randomUUID()}@practice.example`,
      ownerPassword: 'correct horse battery staple',
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    const viewer: Principal = { kind: 'user', id: randomUUID(), tenantId, role: 'viewer', scopes: [] };
    return { tenantId, owner, viewer };
  }
  const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: await t.as(who), ...(payload ? { payload } : {}) });

  it('adds, lists, changes and removes providers, announcing each change by id only', async () => {
    const { tenantId, owner, viewer } = await practice();
    const base = `/api/tenants/${tenantId}/providers`;
    const added = await call(owner, 'POST', base, provider);
    expect(added.statusCode).toBe(201);
    const created = added.json();
    expect(created).toMatchObject({
      npi: '1234567893',
      firstName: 'Nguyễn',
      licenseState: 'CA',
      dateOfBirth: '1970-04-12',
    });
    expect((await call(viewer, 'GET', base)).json().items).toHaveLength(1);

    const changed = await call(owner, 'PUT', `${base}/${created.id}`, { ...provider, licenseNumber: 'B999' });
    expect(changed.json()).toMatchObject({ licenseNumber: 'B999' });
    expect((await call(owner, 'DELETE', `${base}/${created.id}`)).statusCode).toBe(204);
    expect((await call(viewer, 'GET', base)).json().items).toEqual([]);

    const { events, audit } = await outboxOf(t.test.platform.db, tenantId);
    expect(events.map((e) => e.subject)).toEqual([
      'plh.tenant.tenant.created',
      'plh.tenant.provider.added',
      'plh.tenant.provider.changed',
      'plh.tenant.provider.removed',
    ]);
    // Ids only: the names and date of birth never enter an event.
    for (const e of events) expect(JSON.stringify(e.payload)).not.toMatch(/Nguyễn|1970-04-12|A123456/);
    // Audited with the fields that changed; the names and date of birth by name only.
    expect(audit.map((a) => a.action)).toEqual([
      'practice.provision',
      'user.create',
      'provider.add',
      'provider.update',
      'provider.remove',
    ]);
    expect(audit[2]?.changes).toContainEqual({ field: 'lastName' });
    expect(audit[2]?.changes).toContainEqual({ field: 'dateOfBirth' });
    expect(JSON.stringify(audit)).not.toMatch(/Nguyễn|1970-04-12/);
  });

  it('refuses bad NPIs, impossible birth dates, duplicates, and writes by a viewer', async () => {
    const { tenantId, owner, viewer } = await practice();
    const base = `/api/tenants/${tenantId}/providers`;
    const badNpi = await call(owner, 'POST', base, { ...provider, npi: '1234567890' });
    expect(badNpi.statusCode).toBe(400);
    expect(badNpi.json().errors).toEqual([expect.objectContaining({ pointer: '/body/npi' })]);
    expect((await call(owner, 'POST', base, { ...provider, dateOfBirth: '2999-01-01' })).statusCode).toBe(400);
    expect((await call(owner, 'POST', base, provider)).statusCode).toBe(201);
    expect((await call(owner, 'POST', base, provider)).json()).toMatchObject({ status: 409, code: 'PROVIDER_EXISTS' });
    expect((await call(viewer, 'POST', base, { ...provider, npi: '1245319599' })).statusCode).toBe(403);
  });

  it("another tenant's roster is invisible and untouchable (404)", async () => {
    const a = await practice();
    const b = await practice();
    const created = (await call(a.owner, 'POST', `/api/tenants/${a.tenantId}/providers`, provider)).json();
    expect((await call(b.owner, 'GET', `/api/tenants/${a.tenantId}/providers`)).statusCode).toBe(404);
    expect((await call(b.owner, 'DELETE', `/api/tenants/${b.tenantId}/providers/${created.id}`)).statusCode).toBe(404);
    expect((await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/providers`)).json().items).toHaveLength(1);
  });
});

describe('the roster as the compliance service reads it', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const service = (id: string, scopes: string[]): Principal => ({
    kind: 'service',
    id,
    tenantId: null,
    role: null,
    scopes,
  });
  const get = async (signer: 'compliance' | 'core', principal: Principal, url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { 'x-plh-internal-token': await signInternalToken(t.keys.signer(signer), principal, 'tenant') },
    });

  it('pages every active practice’s providers with middle names, for roster:read only', async () => {
    const ids: string[] = [];
    const practiceIds: string[] = [];
    for (const name of ['Alder Clinic', 'Birch Clinic']) {
      const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
        name,
        ownerEmail: `owner-${randomUUID()}@practice.example`,
        ownerPassword: 'correct horse battery staple',
      });
      practiceIds.push(tenantId);
      const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/tenants/${tenantId}/providers`,
        headers: await t.as(owner),
        payload: { ...provider, middleName: ' Anh ' },
      });
      expect(created.json()).toMatchObject({ middleName: 'Anh' });
      ids.push(created.json().id);
    }
    const compliance = service('compliance', ['roster:read']);
    const seen: Array<{ id: string; middleName: string | null; dateOfBirth: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        'compliance',
        compliance,
        `/internal/providers?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().next;
    } while (cursor);
    expect(seen.filter((p) => ids.includes(p.id))).toEqual(
      [...ids].sort().map((id) => expect.objectContaining({ id, middleName: 'Anh', dateOfBirth: '1970-04-12' })),
    );
    // The practices, a page at a time: this one among them.
    const practices: string[] = [];
    cursor = null;
    do {
      const res = await get(
        'compliance',
        compliance,
        `/internal/practices?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      practices.push(...res.json().items.map((p: { tenantId: string }) => p.tenantId));
      cursor = res.json().next;
    } while (cursor);
    expect(practices).toEqual(expect.arrayContaining(practiceIds));
    expect(practices).toEqual([...practices].sort());
    expect((await get('core', service('core', ['settings:read']), '/internal/practices')).statusCode).toBe(403);
    // Many practices' rosters in one read (a screening batch's), one practice's alone too.
    const both = await get(
      'compliance',
      compliance,
      `/internal/rosters?${practiceIds.map((id) => `tenantId=${id}`).join('&')}`,
    );
    expect(both.statusCode).toBe(200);
    expect((both.json().items as Array<{ id: string }>).map((p) => p.id).sort()).toEqual([...ids].sort());
    const one = await get('compliance', compliance, `/internal/rosters?tenantId=${practiceIds[0]}`);
    expect(one.json().items).toHaveLength(1);
    expect((await get('compliance', compliance, '/internal/rosters?tenantId=nope')).statusCode).toBe(400);
    expect(
      (await get('core', service('core', ['settings:read']), `/internal/rosters?tenantId=${practiceIds[0]}`))
        .statusCode,
    ).toBe(403);
    // Core holds no roster:read, and may not claim it.
    expect((await get('core', service('core', ['settings:read']), '/internal/providers')).statusCode).toBe(403);
    expect((await get('core', service('core', ['roster:read']), '/internal/providers')).statusCode).toBe(401);
  });
});
