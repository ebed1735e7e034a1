import {
  createInternalTokenVerifier,
  createService,
  parseJwks,
  requirePrincipal,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import type { ApiKeyDeps } from './domain/api-keys';
import apiKeyRoutes from './routes/api-keys';
import providerRoutes from './routes/providers';
import opsTenantRoutes from './routes/ops-tenants';
import settingsRoutes from './routes/settings';
import userRoutes from './routes/users';
import internalApiKeyRoutes from './routes/internal-api-keys';
import internalSettingsRoutes from './routes/internal-settings';
import type { Config } from './config';
import type { PrismaClient } from '../generated/prisma';
import { parseKeyEncryptionKey } from './domain/sealed-secret';
import { AccessTokenIssuer, ensureActiveSigningKey, type SigningDeps } from './domain/signing-keys';
import type { SessionDeps } from './domain/sessions';
import authRoutes from './routes/auth';
import jwksRoutes from './routes/jwks';

export interface Deps {
  platform: Platform<PrismaClient>;
}

/** The tenant service: tenants, users, tokens and JWKS, API keys, settings, provider roster. */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'tenant', config, readiness: deps.platform.readiness });
  app.addHook('onClose', () => deps.platform.close());
  const signing: SigningDeps = {
    db: deps.platform.db,
    kek: parseKeyEncryptionKey(config.KEY_ENCRYPTION_KEY),
    issuer: config.TOKEN_ISSUER,
    audience: config.TOKEN_AUDIENCE,
    accessTokenTtlSec: config.ACCESS_TOKEN_TTL_SEC,
  };
  await ensureActiveSigningKey(signing);
  const sessions: SessionDeps = {
    db: deps.platform.db,
    tokens: new AccessTokenIssuer(signing),
    refreshTokenTtlSec: config.REFRESH_TOKEN_TTL_SEC,
  };
  await app.register(jwksRoutes, { signing });
  const invites = { db: deps.platform.db, registry: deps.platform.registry };
  await app.register(authRoutes, { sessions, invites });

  // Everything below needs the internal token of an authenticated caller (default deny).
  const verifyInternal = createInternalTokenVerifier({
    jwks: parseJwks(config.INTERNAL_TOKEN_JWKS),
    audience: 'tenant',
  });
  const apiKeys: ApiKeyDeps = { db: deps.platform.db, registry: deps.platform.registry };
  await app.register(async (scope) => {
    requirePrincipal(scope, verifyInternal);
    await scope.register(apiKeyRoutes, { apiKeys });
    await scope.register(providerRoutes, { providers: apiKeys });
    await scope.register(opsTenantRoutes, { invites });
    await scope.register(settingsRoutes, { settings: invites });
    await scope.register(userRoutes, { users: invites });
    await scope.register(internalApiKeyRoutes, { db: deps.platform.db });
    await scope.register(internalSettingsRoutes, { db: deps.platform.db });
  });
  return app;
}
