import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiKeyCreated, ApiKeyRevoked, createEvent, type EventRegistry } from '@plh/contracts';
import { withTenant } from '@plh/db';
import { enqueueEvent } from '@plh/event-bus';
import { NotFound, ProblemError } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';

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

export const API_KEY_PREFIX = 'plh_live_';
const KEY_RE = /^plh_live_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyDeps {
  db: PrismaClient;
  registry: EventRegistry;
}

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

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
const alnum = (bytes: number) =>
  randomBytes(bytes)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);

export class InvalidApiKey extends ProblemError {
  constructor() {
    super(401, 'INVALID_API_KEY', 'Invalid API key', 'The API key is unknown, revoked or expired.');
  }
}

/** Creates a key and returns it once; afterwards only its keyId and a hash of its secret exist. */
export async function createApiKey(
  deps: ApiKeyDeps,
  input: {
    tenantId: string;
    actorId: string;
    name: string;
    scopes: ApiKeyScope[];
    rateLimitPerMin?: number;
    expiresAt?: Date;
  },
): Promise<{ apiKey: ApiKeyView; key: string }> {
  let keyId = alnum(24);
  while (keyId.length < 16) keyId = alnum(24);
  const secret = randomBytes(32).toString('base64url');
  const apiKey = await withTenant(deps.db, input.tenantId, async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        id: randomUUID(),
        tenantId: input.tenantId,
        keyId,
        name: input.name,
        secretHash: hashSecret(secret),
        scopes: [...new Set(input.scopes)],
        rateLimitPerMin: input.rateLimitPerMin ?? 600,
        expiresAt: input.expiresAt ?? null,
        createdBy: input.actorId,
      },
    });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(ApiKeyCreated, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { apiKeyId: row.id, scopes: row.scopes, createdBy: input.actorId },
      }),
    );
    return row;
  });
  return { apiKey: toView(apiKey), key: `${API_KEY_PREFIX}${keyId}_${secret}` };
}

export async function listApiKeys(db: PrismaClient, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await withTenant(db, tenantId, (tx) =>
    tx.apiKey.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' } }),
  );
  return rows.map(toView);
}

/** Revokes a key of `tenantId`; another tenant's key id is simply not found. */
export async function revokeApiKey(
  deps: ApiKeyDeps,
  input: { tenantId: string; actorId: string; apiKeyId: string },
): Promise<void> {
  await withTenant(deps.db, input.tenantId, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: input.apiKeyId, tenantId: input.tenantId } });
    if (!key) throw new NotFound('No such API key.');
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(ApiKeyRevoked, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { apiKeyId: key.id, revokedBy: input.actorId },
      }),
    );
  });
}

export interface VerifiedApiKey {
  apiKeyId: string;
  tenantId: string;
  scopes: string[];
  rateLimitPerMin: number;
}

interface LookupRow {
  id: string;
  tenant_id: string;
  secret_hash: string;
  scopes: string[] | null;
  rate_limit_per_min: number;
  expires_at: Date | null;
  revoked_at: Date | null;
  tenant_status: string;
}

/** Checks a presented key (for the gateway). Any failure is the same InvalidApiKey. */
export async function verifyApiKey(db: PrismaClient, presented: string): Promise<VerifiedApiKey> {
  const match = KEY_RE.exec(presented);
  if (!match) throw new InvalidApiKey();
  const keyId = match[1] ?? '';
  const secret = match[2] ?? '';
  const rows = await db.$queryRawUnsafe<LookupRow[]>(
    `SELECT id::text, tenant_id::text, secret_hash, scopes, rate_limit_per_min, expires_at, revoked_at, tenant_status
       FROM api_key_lookup($1)`,
    keyId,
  );
  const row = rows[0];
  const expected = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const secretOk = timingSafeEqual(expected, actual) && !!row;
  if (
    !row ||
    !secretOk ||
    row.revoked_at ||
    (row.expires_at && row.expires_at <= new Date()) ||
    row.tenant_status !== 'active'
  ) {
    throw new InvalidApiKey();
  }
  await db.$queryRawUnsafe('SELECT 1 FROM api_key_touch($1::uuid)', row.id);
  return {
    apiKeyId: row.id,
    tenantId: row.tenant_id,
    scopes: row.scopes ?? [],
    rateLimitPerMin: row.rate_limit_per_min,
  };
}

function toView(row: {
  id: string;
  name: string;
  keyId: string;
  scopes: string[];
  rateLimitPerMin: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}): ApiKeyView {
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
