import { checkpointSigner, publicKeys } from '@plh/audit-chain';
import type { ComplianceDeps } from '../deps';

type Jwk = { kty?: string; crv?: string; x?: string; kid?: string };

/** The checkpoint signer and the published key set, from AUDIT_SIGNING_PRIVATE_JWK and AUDIT_RETIRED_PUBLIC_JWKS. */
export function auditKeys(signingJwk: string, retiredJwks: string): Omit<ComplianceDeps['audit'], 'entries'> {
  const signer = checkpointSigner(JSON.parse(signingJwk) as Parameters<typeof checkpointSigner>[0]);
  const retired = (JSON.parse(retiredJwks) as { keys?: Jwk[] }).keys ?? [];
  // Public halves only, whatever the setting holds.
  const published = [signer.publicJwk as Jwk, ...retired.filter((k) => k.kid !== signer.keyId)].map((k) => {
    if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || !k.x || !k.kid)
      throw new Error('AUDIT_RETIRED_PUBLIC_JWKS: every key must be an Ed25519 public JWK with a kid');
    return { kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, use: 'sig', alg: 'EdDSA' };
  });
  const publishedJwks = { keys: published };
  return { signer, publishedJwks, publicKeys: publicKeys(publishedJwks) };
}
