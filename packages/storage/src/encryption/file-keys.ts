import { hkdfSync } from 'node:crypto';

/** One master key of `FILE_ENCRYPTION_KEYS`. */
export interface FileMasterKey {
  id: string;
  key: Buffer;
}

/** The configured master keys: the first encrypts new files, all of them can open old ones (rotation). */
export interface FileKeyring {
  active: FileMasterKey;
  byId(id: string): FileMasterKey | undefined;
}

/**
 * A key list setting, `id:<32 bytes base64>[,id:<base64>…]`, the first one active: the format of
 * `FILE_ENCRYPTION_KEYS` and of core's `PHI_MASTER_KEYS`. `name` is the setting named in errors.
 */
export function parseKeyList(value: string, name: string): FileMasterKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32)
        throw new Error(`${name} must be "id:<32 bytes base64>" entries, comma-separated`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error(`${name} has no key`);
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error(`${name} repeats a key id`);
  return keys;
}

/** `FILE_ENCRYPTION_KEYS`: the first encrypts new files, all of them open old ones. */
export function parseFileKeys(value: string): FileKeyring {
  const keys = parseKeyList(value, 'FILE_ENCRYPTION_KEYS');
  return { active: keys[0]!, byId: (id) => keys.find((k) => k.id === id) };
}

/**
 * The practice's file key: derived from a master key and the practice id (HKDF-SHA256, RFC 5869), so
 * every service that writes a practice's files (core, the proof engine) has it without a key lookup,
 * and no two practices share one. It only wraps the random key of each file, never file bytes.
 */
export function practiceFileKey(master: FileMasterKey, tenantId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master.key, Buffer.from('plh-file-kek-v1'), Buffer.from(tenantId, 'utf8'), 32));
}
