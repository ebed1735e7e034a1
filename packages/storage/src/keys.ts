import { StorageError } from './object-storage';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * `tenants/<tenantId>/<part>/<part>…`: every object of a practice lives under its own prefix, so an
 * S3 bucket policy or a backup can be scoped per tenant, and a key from one tenant can never name
 * another's object. Parts are ids or simple names; no `..`, slashes or empty segments.
 */
export function tenantObjectKey(tenantId: string, ...parts: string[]): string {
  const segments = [tenantId, ...parts];
  for (const s of segments) {
    if (!SEGMENT.test(s) || s.includes('..'))
      throw new StorageError('INVALID_OBJECT_KEY', `invalid key segment "${s}"`);
  }
  return `tenants/${segments.join('/')}`;
}

/** Whether `key` belongs to `tenantId` (signed URLs and downloads check this). */
export function keyBelongsTo(key: string, tenantId: string): boolean {
  return key.startsWith(`tenants/${tenantId}/`);
}

export function assertValidKey(key: string): void {
  const [root, ...rest] = key.split('/');
  if (root !== 'tenants' || rest.length < 2 || !rest.every((s) => SEGMENT.test(s) && !s.includes('..')))
    throw new StorageError('INVALID_OBJECT_KEY', 'invalid object key');
}
