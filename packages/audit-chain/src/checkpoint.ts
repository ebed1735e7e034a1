import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * A signed statement that a practice's chain had `treeSize` entries with Merkle root `rootHash` at
 * `issuedAt`: anyone with the published public key can check later that nothing before it changed.
 */
export interface Checkpoint {
  chain: string;
  treeSize: number;
  /** RFC 9162 Merkle tree hash (hex) over the entries' leaves 1..treeSize. */
  rootHash: string;
  issuedAt: string;
  /** Which published key signed it. */
  keyId: string;
  /** Ed25519 over the canonical JSON of the fields above plus `type` (base64url). */
  signature: string;
}

const TYPE = 'plh-audit-checkpoint/v1';

function signedBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { chain, treeSize, rootHash, issuedAt, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ type: TYPE, chain, treeSize, rootHash, issuedAt, keyId }));
}

export interface CheckpointSigner {
  keyId: string;
  sign(checkpoint: Omit<Checkpoint, 'signature' | 'keyId'>): Checkpoint;
  /** Ed25519 over the canonical JSON of any statement (an export's header), base64url. */
  signStatement(statement: Record<string, unknown>): string;
  /** The public half as a JWK with its `kid`: what is published. */
  publicJwk: JsonWebKey & { kid: string };
}

/** From an Ed25519 private JWK with a `kid` (the AUDIT_SIGNING_PRIVATE_JWK setting). */
export function checkpointSigner(privateJwk: JsonWebKey & { kid?: string }): CheckpointSigner {
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d)
    throw new Error('the audit signing key must be an Ed25519 private JWK');
  if (!privateJwk.kid) throw new Error('the audit signing key needs a kid (published with the public key)');
  const keyId = privateJwk.kid;
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' });
  const { d: _secret, ...publicJwk } = privateJwk;
  return {
    keyId,
    publicJwk: { ...publicJwk, kid: keyId, use: 'sig', alg: 'EdDSA' } as JsonWebKey & { kid: string },
    sign(fields) {
      const unsigned = { ...fields, keyId };
      return { ...unsigned, signature: sign(null, signedBytes(unsigned), key).toString('base64url') };
    },
    signStatement: (statement) => sign(null, Buffer.from(canonicalJson(statement)), key).toString('base64url'),
  };
}

/** Public keys by `kid`, from a JWKS (`{ keys: [...] }`) or one JWK. */
export function publicKeys(jwks: { keys: Array<JsonWebKey & { kid?: string }> } | (JsonWebKey & { kid?: string })) {
  const list = 'keys' in jwks && Array.isArray(jwks.keys) ? jwks.keys : [jwks as JsonWebKey & { kid?: string }];
  const keys = new Map<string, KeyObject>();
  for (const jwk of list) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.kid) continue;
    const { d: _secret, ...publicOnly } = jwk;
    keys.set(jwk.kid, createPublicKey({ key: publicOnly, format: 'jwk' }));
  }
  return keys;
}

/** Whether `signature` is the key `keyId`'s over the canonical JSON of `statement`. */
export function statementSignatureValid(
  statement: Record<string, unknown>,
  signature: string,
  keyId: string,
  keys: ReadonlyMap<string, KeyObject>,
): boolean {
  const key = keys.get(keyId);
  if (!key || typeof signature !== 'string') return false;
  try {
    return verify(null, Buffer.from(canonicalJson(statement)), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** Whether the checkpoint was signed by the key it names, among `keys`. */
export function checkpointSignatureValid(checkpoint: Checkpoint, keys: ReadonlyMap<string, KeyObject>): boolean {
  const key = keys.get(checkpoint.keyId);
  if (!key) return false;
  const { signature, ...unsigned } = checkpoint;
  try {
    return verify(null, signedBytes(unsigned), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A new checkpoint signing key: an Ed25519 private JWK with a fresh `kid`, as AUDIT_SIGNING_PRIVATE_JWK takes it. */
export function generateCheckpointKey(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...privateKey.export({ format: 'jwk' }), kid: `audit:${randomBytes(4).toString('hex')}`, alg: 'EdDSA' };
}
