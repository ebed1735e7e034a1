import type { FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { Type } from '@plh/service-kit';
import { publishedJwks, type SigningDeps } from '../domain/signing/signing-keys';

/** An Ed25519 public key (RFC 8037 OKP). */
const Jwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String(),
  kid: Type.String(),
  alg: Type.Literal('EdDSA'),
  use: Type.Literal('sig'),
});
const Jwks = Type.Object({ keys: Type.Array(Jwk) });

/** Public keys for access-token verification (the gateway and services fetch and cache this). */
const jwksRoutes: FastifyPluginAsyncTypebox<{ signing: SigningDeps }> = async (app, { signing }) => {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        summary: 'Public keys that verify access tokens',
        response: { 200: Jwks },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      const { keys } = await publishedJwks(signing);
      return {
        keys: keys.map((k) => ({
          kty: 'OKP' as const,
          crv: 'Ed25519' as const,
          x: String(k.x),
          kid: String(k.kid),
          alg: 'EdDSA' as const,
          use: 'sig' as const,
        })),
      };
    },
  );
};
export default jwksRoutes;
