import { createHash } from 'node:crypto';
import type { ApiKeyRecord } from '../../data/api-key.repository';

/** What a partner system may be allowed to do; a key holds a subset. */
export const API_KEY_SCOPES = [
  'orders:read',
  'orders:write',
  'patients:write',
  'proofs:read',
  'compliance:read',
  'audit:read',
  'webhooks:manage',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A key is `plh_live_<keyId>_<secret>`; only keyId and SHA-256(secret) are stored. */
export const API_KEY_PREFIX = 'plh_live_';
export const API_KEY_PATTERN = /^plh_live_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface ApiKeyView {
  id: string;
  name: string;
  keyId: string;
  scopes: string[];
  rateLimitPerMin: number;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export function toApiKeyView(row: ApiKeyRecord): ApiKeyView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const { id, name, keyId, scopes, rateLimitPerMin } = row;
  return {
    id,
    name,
    keyId,
    scopes,
    rateLimitPerMin,
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
  };
}
