import { randomUUID } from 'node:crypto';
import type { Principal } from '@plh/service-kit';
import { provisionTenant } from '../src/seeding';
import { buildTestApp, type TestApp } from './helpers';

describe('settings and feature flags', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  async function practice() {
    const { tenantId, ownerId } = await provisionTenant(t.test.platform.db, {
      name: 'Elm Dermatology',
      ownerEmail: `owner-${randomUUID()}@elm.example`,
      ownerPassword: 'correct horse battery staple',
    });
    const owner: Principal = { kind: 'user', id: ownerId, tenantId, role: 'owner', scopes: [] };
    const viewer: Principal = { kind: 'user', id: randomUUID(), tenantId, role: 'viewer', scopes: [] };
    return { tenantId, owner, viewer };
  }
  const ops: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const get = async (who: Principal, tenantId: string) =>
    t.app.inject({ method: 'GET', url: `/api/tenants/${tenantId}/settings`, headers: await t.as(who) });
  const patch = async (who: Principal, tenantId: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/tenants/${tenantId}/settings`, headers: await t.as(who), payload });

  it('starts from typed defaults; an owner changes owner settings; ops change flags and pricing', async () => {
    const { tenantId, owner, viewer } = await practice();
    const initial = (await get(viewer, tenantId)).json().settings;
    expect(initial['letters.defaultPostageClass']).toMatchObject({
      value: 'first_class',
      overridden: false,
      editableBy: 'owner',
    });
    expect(initial['features.smsNotifications']).toMatchObject({ value: false, editableBy: 'ops' });

    const changed = await patch(owner, tenantId, {
      'letters.defaultPostageClass': 'certified',
      'notifications.replyToEmail': 'front@elm.example',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().settings['letters.defaultPostageClass']).toMatchObject({
      value: 'certified',
      overridden: true,
    });

    const byOps = await patch(ops, tenantId, {
      'features.smsNotifications': true,
      'pricing.perLetterOverrideCents': 89,
    });
    expect(byOps.json().settings['features.smsNotifications']).toMatchObject({ value: true, overridden: true });

    // Back to the default: the override disappears.
    const reset = await patch(owner, tenantId, { 'letters.defaultPostageClass': 'first_class' });
    expect(reset.json().settings['letters.defaultPostageClass']).toMatchObject({
      value: 'first_class',
      overridden: false,
    });

    const events = await t.test.platform.db.outboxEvent.findMany({
      where: { tenantId, subject: 'plh.tenant.settings.changed' },
    });
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain('front@elm.example');
  });

  it('refuses ops-only keys from an owner, unknown keys and bad values, changing nothing', async () => {
    const { tenantId, owner, viewer } = await practice();
    expect((await patch(owner, tenantId, { 'features.smsNotifications': true })).statusCode).toBe(403);
    const bad = await patch(owner, tenantId, { 'letters.colorPrinting': 'yes', 'letters.nope': 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/letters.colorPrinting', '/body/letters.nope']);
    expect((await patch(owner, tenantId, { 'notifications.replyToEmail': 'not an email' })).statusCode).toBe(400);
    expect((await patch(viewer, tenantId, { 'letters.colorPrinting': true })).statusCode).toBe(403);
    const after = (await get(owner, tenantId)).json().settings;
    expect(Object.values(after).every((s) => !(s as { overridden: boolean }).overridden)).toBe(true);
  });

  it("another practice's settings are 404", async () => {
    const a = await practice();
    const b = await practice();
    expect((await get(b.owner, a.tenantId)).statusCode).toBe(404);
    expect((await patch(b.owner, a.tenantId, { 'letters.colorPrinting': true })).statusCode).toBe(404);
  });
});
