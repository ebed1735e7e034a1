import { randomBytes, randomUUID } from 'node:crypto';
import { parseMasterKeys } from './keyring';
import { newDataKey, PhiSealer, unwrapDataKey, wrapDataKey } from './phi-cipher';

const master = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('PHI field encryption', () => {
  it('round-trips a field and refuses it on another row, another field or under another key', () => {
    const sealer = new PhiSealer(newDataKey());
    const row = randomUUID();
    const sealed = sealer.encrypt(row, 'name', 'Nguyễn Thị Ánh');
    expect(sealed.toString('utf8')).not.toContain('Nguy');
    expect(sealer.decrypt(row, 'name', sealed)).toBe('Nguyễn Thị Ánh');
    expect(() => sealer.decrypt(randomUUID(), 'name', sealed)).toThrow();
    expect(() => sealer.decrypt(row, 'address', sealed)).toThrow();
    expect(() => new PhiSealer(newDataKey()).decrypt(row, 'name', sealed)).toThrow();
    expect(sealer.encrypt(row, 'name', 'x')).not.toEqual(sealer.encrypt(row, 'name', 'x')); // fresh IV each time
  });

  it('wraps data keys per tenant; a rotated master key unwraps old and wraps new', () => {
    const [k1] = parseMasterKeys(master('k1'));
    const tenant = randomUUID();
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(k1!, tenant, dataKey);
    expect(unwrapDataKey([k1!], tenant, wrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey([k1!], randomUUID(), wrapped)).toThrow(); // bound to its tenant
    const rotated = parseMasterKeys(`${master('k2')},k1:${k1!.key.toString('base64')}`);
    const rewrapped = wrapDataKey(rotated[0]!, tenant, unwrapDataKey(rotated, tenant, wrapped));
    expect(rewrapped.masterKeyId).toBe('k2');
    expect(unwrapDataKey(rotated, tenant, rewrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey([rotated[0]!], tenant, wrapped)).toThrow(/k1/);
  });

  it('gives equal dedupe keys for equal records within a tenant only', () => {
    const a = new PhiSealer(newDataKey());
    expect(a.dedupeKey('ANA NUNEZ|1 MAIN ST')).toBe(a.dedupeKey('ANA NUNEZ|1 MAIN ST'));
    expect(a.dedupeKey('ANA NUNEZ|1 MAIN ST')).not.toBe(new PhiSealer(newDataKey()).dedupeKey('ANA NUNEZ|1 MAIN ST'));
  });

  it('refuses malformed master key settings', () => {
    expect(() => parseMasterKeys('')).toThrow();
    expect(() => parseMasterKeys('k1:short')).toThrow();
    expect(() => parseMasterKeys(`${master('k1')},${master('k1')}`)).toThrow(/repeats/);
  });
});
