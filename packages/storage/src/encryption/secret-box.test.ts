import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const key = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  const [k1, k2] = [`k1:${key()}`, `k2:${key()}`];

  it('seals so that only the same key and the same binding open it', () => {
    const box = SecretBox.fromSetting(k1, 'TEST_KEYS');
    const sealed = box.seal('whsec_abc', 'endpoint-1');
    expect(sealed.startsWith('sealed:v1:k1:')).toBe(true);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'endpoint-1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'endpoint-2')).toThrow(); // copied to another row
    expect(() => SecretBox.fromSetting(`k1:${key()}`, 'TEST_KEYS').open(sealed, 'endpoint-1')).toThrow();
    const parts = sealed.split(':');
    parts[5] = Buffer.from('whsec_abd').toString('base64url');
    expect(() => box.open(parts.join(':'), 'endpoint-1')).toThrow();
  });

  it('rotates: a new first key seals, the old one still opens until it is removed', () => {
    const old = SecretBox.fromSetting(k1, 'TEST_KEYS').seal('whsec_abc', 'e');
    const rotating = SecretBox.fromSetting(`${k2},${k1}`, 'TEST_KEYS');
    expect(rotating.open(old, 'e')).toBe('whsec_abc');
    expect(rotating.isCurrent(old)).toBe(false);
    const resealed = rotating.seal(rotating.open(old, 'e'), 'e');
    expect(rotating.isCurrent(resealed)).toBe(true);
    expect(() => SecretBox.fromSetting(k2, 'TEST_KEYS').open(old, 'e')).toThrow(
      'sealed under key "k1", which is not configured',
    );
  });

  it('refuses a key list it cannot use, naming the setting', () => {
    expect(() => SecretBox.fromSetting('k1:short', 'WEBHOOK_SECRET_KEYS')).toThrow('WEBHOOK_SECRET_KEYS');
    expect(() => SecretBox.fromSetting(`${k1},${k1}`, 'WEBHOOK_SECRET_KEYS')).toThrow('repeats a key id');
    expect(SecretBox.isSealed('whsec_plain')).toBe(false);
  });
});
