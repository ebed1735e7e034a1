import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * Field-level encryption of patient PHI (names, addresses), envelope style:
 * - each practice has a 256-bit data key; it is stored only wrapped (AES-256-GCM) by a master key
 *   from config, with the tenant id as associated data, so a wrapped key cannot be moved to another tenant;
 * - each field is AES-256-GCM under the data key, with `<row id>:<field>` as associated data, so a
 *   ciphertext copied onto another row or field fails to decrypt instead of showing the wrong patient;
 * - duplicates are found by an HMAC of the normalised record under a key derived from the data key
 *   (HKDF), never by plaintext, and are not comparable across tenants.
 * Rotating a master key re-wraps data keys (a few rows) and never touches patient rows.
 * See: NIST SP 800-38D (GCM), RFC 5869 (HKDF).
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface WrappedDataKey {
  masterKeyId: string;
  wrapped: string;
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapDataKey(master: MasterKey, tenantId: string, dataKey: Buffer): WrappedDataKey {
  return { masterKeyId: master.id, wrapped: seal(master.key, dataKey, `tenant:${tenantId}`).toString('base64') };
}

export function unwrapDataKey(masters: MasterKey[], tenantId: string, wrapped: WrappedDataKey): Buffer {
  const master = masters.find((m) => m.id === wrapped.masterKeyId);
  if (!master)
    throw new Error(`the data key is wrapped by master key "${wrapped.masterKeyId}", which is not configured`);
  return open(master.key, Buffer.from(wrapped.wrapped, 'base64'), `tenant:${tenantId}`);
}

export interface SealerKeys {
  dataKey: KeyObject;
  macKey: KeyObject;
}

/** A tenant's field sealer: what repositories use to write and read PHI columns. */
export class PhiSealer {
  private readonly macKey: KeyObject;
  /** Key objects, prepared once: per-call key import was a tenth of an import's crypto time. */
  private readonly dataKey: KeyObject;

  constructor(dataKey: Buffer | SealerKeys) {
    if (Buffer.isBuffer(dataKey)) {
      this.dataKey = createSecretKey(dataKey);
      this.macKey = createSecretKey(Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'plh-dedupe-v1', 32)));
    } else {
      ({ dataKey: this.dataKey, macKey: this.macKey } = dataKey);
    }
  }

  /**
   * The sealer's keys as key objects, which Node copies to a worker thread (postMessage, workerData)
   * without their bytes ever being exported: `new PhiSealer(keys)` there seals the same way.
   */
  get keys(): SealerKeys {
    return { dataKey: this.dataKey, macKey: this.macKey };
  }

  encrypt(rowId: string, field: string, plaintext: string): Buffer {
    return seal(this.dataKey, Buffer.from(plaintext, 'utf8'), `${rowId}:${field}`);
  }

  decrypt(rowId: string, field: string, ciphertext: Buffer): string {
    return open(this.dataKey, ciphertext, `${rowId}:${field}`).toString('utf8');
  }

  /** Equal normalised records give equal keys within one tenant only. */
  dedupeKey(normalised: string): string {
    return createHmac('sha256', this.macKey).update(normalised).digest('base64url');
  }
}

/**
 * Random IVs drawn from a pooled buffer refilled 4 KiB at a time: one randomBytes call per field
 * cost as much as the encryption itself on a 100,000-row import. Still 96 random bits per IV (a
 * fresh random IV per value, as NIST SP 800-38D §8.2.2 allows), never reused: the pool is consumed
 * once and replaced.
 */
const IV_POOL_BYTES = IV_BYTES * 341;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

function seal(key: Buffer | KeyObject, plaintext: Buffer, aad: string): Buffer {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer | KeyObject, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('not a sealed value');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}
