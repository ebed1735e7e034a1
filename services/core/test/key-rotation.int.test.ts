import { randomBytes } from 'node:crypto';
import { dataKeyRewrapStore } from '../src/data/data-key-rewrap.store';
import { Keyring } from '../src/domain/keyring';
import { parseMasterKeys } from '../src/domain/keyring';
import { rewrapDataKeys } from '../src/domain/rewrap-data-keys';
import { buildTestApp, newPractice, patientCsv, uploadList, type TestApp } from './helpers';

describe('core: master key rotation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('re-wraps every practice’s data key with the new master key and leaves patient rows untouched', async () => {
    const practices = [newPractice(), newPractice()];
    for (const p of practices) {
      const project = await t.app.inject({
        method: 'POST',
        url: `/api/tenants/${p.tenantId}/projects`,
        headers: await t.as(p.owner),
        payload: { name: 'x', letterType: 'other' },
      });
      const list = await uploadList(t, p.owner, p.tenantId, project.json().id, patientCsv(3));
      expect(list.json().status).toBe('validated');
    }
    const patients = () =>
      t.admin.query<{ id: string; tenant_id: string; name_cipher: Buffer }>(
        'SELECT id::text, tenant_id::text, name_cipher FROM core.patient ORDER BY id',
      );
    const before = (await patients()).rows;

    const oldKeys = t.config.PHI_MASTER_KEYS;
    const newKey = `k2:${randomBytes(32).toString('base64')}`;
    const rotated = parseMasterKeys(`${newKey},${oldKeys}`);
    const store = dataKeyRewrapStore(t.admin);
    expect(await rewrapDataKeys(store, rotated)).toEqual({ rewrapped: 2 });
    expect(await rewrapDataKeys(store, rotated)).toEqual({ rewrapped: 0 }); // nothing left to do

    const keys = await t.admin.query<{ master_key_id: string; rewrapped_at: Date | null }>(
      'SELECT master_key_id, rewrapped_at FROM core.tenant_data_key',
    );
    expect(keys.rows.map((r) => r.master_key_id)).toEqual(['k2', 'k2']);
    expect((await patients()).rows).toEqual(before); // not one patient byte changed

    // The old master key can now go: the new one alone opens every practice's rows.
    const keyring = new Keyring(parseMasterKeys(newKey));
    for (const row of before) {
      const sealer = await keyring.sealerFor(row.tenant_id, {
        find: async () => {
          const r = (
            await t.admin.query<{ wrapped_key: string; master_key_id: string }>(
              'SELECT wrapped_key, master_key_id FROM core.tenant_data_key WHERE tenant_id = $1',
              [row.tenant_id],
            )
          ).rows[0]!;
          return { wrappedKey: r.wrapped_key, masterKeyId: r.master_key_id };
        },
        insertIfAbsent: () => Promise.reject(new Error('must exist')),
      });
      expect(sealer.decrypt(row.id, 'name', row.name_cipher)).toMatch(/^Pat\d+ Nuñez\d+$/);
    }
  });
});
