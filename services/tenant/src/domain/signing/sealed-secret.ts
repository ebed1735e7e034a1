import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals small secrets (private signing keys) with AES-256-GCM under a 32-byte key from config:
 * `v1.<iv>.<tag>.<ciphertext>` in base64url. A wrong key or a modified value fails to open.
 */
export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens with the first of `keys` that fits (during a key-encryption-key rotation, the old one still opens). */
export function openSecret(keys: Buffer[], sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('sealed secret: unknown format');
  for (const key of keys) {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // not this key: try the next
    }
  }
  throw new Error('sealed secret: no key in KEY_ENCRYPTION_KEY opens it');
}

/**
 * KEY_ENCRYPTION_KEY: 32 random bytes, base64-encoded (`openssl rand -base64 32`), or several separated
 * by commas while rotating: the first seals new keys, every one opens (README "Key rotation").
 */
export function parseKeyEncryptionKeys(value: string): Buffer[] {
  return value.split(',').map((part) => {
    const key = Buffer.from(part.trim(), 'base64');
    if (key.length !== 32)
      throw new Error('KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded (several: comma-separated)');
    return key;
  });
}
