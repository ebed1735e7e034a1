import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { leafHash } from './merkle';

/** The chain of platform-wide entries (a failed login for an unknown email): no practice, the nil UUID. */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';
/** `prev_hash` of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

type Scalar = string | number | boolean | null;

/**
 * One entry of a practice's audit chain, exactly as it is hashed, stored and exported. Ids, codes
 * and field names only: PHI never reaches an audit record (service-kit drops PHI values at the source).
 */
export interface ChainEntry {
  /** The practice (tenant id), or PLATFORM_CHAIN. */
  chain: string;
  /** 1-based position in the chain: a missing number is a deleted entry. */
  seq: number;
  /** The audit event's id: the same action is appended once, however often it is delivered. */
  eventId: string;
  /** The service that recorded it. */
  service: string;
  action: string;
  outcome: string;
  resourceType: string;
  resourceId: string | null;
  actorKind: string;
  actorId: string | null;
  actorRole: string | null;
  phi: boolean;
  changes: Array<{ field: string; from?: Scalar; to?: Scalar }>;
  reason: string | null;
  requestId: string | null;
  traceId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  /** When the action happened (ISO 8601, milliseconds, UTC). */
  occurredAt: string;
  /** When the trail appended it. */
  recordedAt: string;
  prevHash: string;
  /** SHA-256 (hex) of the canonical JSON (RFC 8785) of every other field, `prevHash` included. */
  hash: string;
}

export type UnhashedEntry = Omit<ChainEntry, 'hash'>;

export function entryHash(entry: UnhashedEntry): string {
  return hash('sha256', canonicalEntry(entry), 'hex');
}

/** A string as JCS writes it (JSON.stringify's escaping is RFC 8785's); anything else (a forged export) generically. */
/**
 * The entry's hash, or null when it has none (a malformed entry in a forged export: a field missing or
 * of no JSON form): verifiers treat both as an entry that is not what was appended.
 */
export function entryHashOrNull(entry: UnhashedEntry): string | null {
  try {
    return entryHash(entry);
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

/**
 * `canonicalJson` of an entry without its `hash`, written out field by field in RFC 8785 order (the
 * names below are sorted by UTF-16 code units): the same bytes, several times faster, which is what
 * verifying a million entries needs. `chain.test.ts` holds the two equal on every kind of value.
 */
export function canonicalEntry(e: UnhashedEntry): string {
  return (
    `{"action":${str(e.action)},"actorId":${str(e.actorId)},"actorKind":${str(e.actorKind)},` +
    `"actorRole":${str(e.actorRole)},"chain":${str(e.chain)},"changes":${canonicalJson(e.changes)},` +
    `"clientIp":${str(e.clientIp)},"eventId":${str(e.eventId)},"occurredAt":${str(e.occurredAt)},` +
    `"outcome":${str(e.outcome)},"phi":${str(e.phi)},"prevHash":${str(e.prevHash)},` +
    `"reason":${str(e.reason)},"recordedAt":${str(e.recordedAt)},"requestId":${str(e.requestId)},` +
    `"resourceId":${str(e.resourceId)},"resourceType":${str(e.resourceType)},"seq":${canonicalJson(e.seq)},` +
    `"service":${str(e.service)},"traceId":${str(e.traceId)},"userAgent":${str(e.userAgent)}}`
  );
}

/** The entry's Merkle leaf (RFC 9162 leaf hash of its 32-byte entry hash). */
export function entryLeaf(hash: string): Buffer {
  return leafHash(Buffer.from(hash, 'hex'));
}

/** Appends entries to a chain whose head is (`size`, `headHash`): numbers and hashes them. */
export function chainEntries(
  head: { size: number; headHash: string },
  entries: ReadonlyArray<Omit<UnhashedEntry, 'seq' | 'prevHash'>>,
): ChainEntry[] {
  let prevHash = head.headHash;
  return entries.map((fields, i) => {
    const unhashed: UnhashedEntry = { ...fields, seq: head.size + i + 1, prevHash };
    const hash = entryHash(unhashed);
    prevHash = hash;
    return { ...unhashed, hash };
  });
}
