import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseKeyList, type FileMasterKey } from './file-keys';

const PREFIX = 'sealed:v1:';

/**
 * Secrets the platform must read back (partners' webhook signing secrets), sealed at rest with
 * AES-256-GCM under a key list setting (`id:<32 bytes base64>[,id:<base64>…]`: the first seals, every
 * one opens, so a key is rotated by putting a new one first and re-sealing). Each value is bound to
 * what it belongs to (associated data, e.g. the row id): a sealed value copied to another row does not
 * open. Stored as `sealed:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url).
 */
export class SecretBox {
  private constructor(private readonly keys: FileMasterKey[]) {}

  /** From a key list setting; `name` is the setting named in errors. */
  static fromSetting(value: string, name: string): SecretBox {
    return new SecretBox(parseKeyList(value, name));
  }

  get activeKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plaintext: string, boundTo: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${id}:${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join(':')}`;
  }

  /** Opens a sealed value; throws when its key is not configured, or it was altered or bound elsewhere. */
  open(sealed: string, boundTo: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error('not a sealed secret');
    const [keyId, iv, tag, ciphertext] = sealed.slice(PREFIX.length).split(':');
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) throw new Error(`sealed under key "${keyId}", which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv ?? '', 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8')).setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext ?? '', 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Sealed under the active key (nothing to re-seal). */
  isCurrent(value: string): boolean {
    return value.startsWith(`${PREFIX}${this.activeKeyId}:`);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}
