import { getDeadLetter, listDeadLetters, retryDeadLetter } from '@plh/event-bus';
import { createService, registerInternalRoutes, type Platform, type ServiceApp } from '@plh/service-kit';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { tenantUnitOfWork } from './data/unit-of-work';
import type { TenantDeps } from './domain/deps';
import { AccessTokenIssuer } from './domain/signing/access-token-issuer';
import { parseKeyEncryptionKeys } from './domain/signing/sealed-secret';
import { ensureActiveSigningKey, type SigningDeps } from './domain/signing/signing-keys';
import apiKeyRoutes from './routes/api-keys';
import authRoutes from './routes/auth';
import meRoutes from './routes/me';
import internalApiKeyRoutes from './routes/internal-api-keys';
import internalRosterRoutes from './routes/internal-roster';
import internalSettingsRoutes from './routes/internal-settings';
import internalUserRoutes from './routes/internal-users';
import jwksRoutes from './routes/jwks';
import opsDeadLetterRoutes from './routes/ops-dead-letters';
import opsTenantRoutes from './routes/ops-tenants';
import providerRoutes from './routes/providers';
import settingsRoutes from './routes/settings';
import userRoutes from './routes/users';

export interface Deps {
  platform: Platform<PrismaClient>;
}

/** The tenant service: practices, users, tokens and JWKS, API keys, settings, provider roster. */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'tenant', config, readiness: deps.platform.readiness });
  app.addHook('onClose', () => deps.platform.close());
  const unitOfWork = tenantUnitOfWork(deps.platform.db, deps.platform.registry);
  const { nats } = deps.platform;
  const signing: SigningDeps = {
    unitOfWork,
    keks: parseKeyEncryptionKeys(config.KEY_ENCRYPTION_KEY),
    issuer: config.TOKEN_ISSUER,
    audience: config.TOKEN_AUDIENCE,
    accessTokenTtlSec: config.ACCESS_TOKEN_TTL_SEC,
  };
  await ensureActiveSigningKey(signing);
  const tenant: TenantDeps = {
    unitOfWork,
    tokens: new AccessTokenIssuer(signing),
    refreshTokenTtlSec: config.REFRESH_TOKEN_TTL_SEC,
    deadLetters: {
      list: (options) => listDeadLetters(nats.jsm, deps.platform.ns, options),
      get: (sequence) => getDeadLetter(nats.jsm, deps.platform.ns, sequence),
      retry: (sequence) => retryDeadLetter(nats.js, nats.jsm, deps.platform.ns, sequence),
    },
  };
  await app.register(jwksRoutes, { signing });
  await app.register(authRoutes, { deps: tenant });

  // Everything below needs the internal token of an authenticated caller (default deny).
  await registerInternalRoutes(app, { jwks: config.INTERNAL_TOKEN_JWKS, audience: 'tenant' }, async (scope) => {
    for (const routes of [
      meRoutes,
      apiKeyRoutes,
      providerRoutes,
      opsTenantRoutes,
      opsDeadLetterRoutes,
      settingsRoutes,
      userRoutes,
      internalApiKeyRoutes,
      internalSettingsRoutes,
      internalRosterRoutes,
      internalUserRoutes,
    ]) {
      await scope.register(routes, { deps: tenant });
    }
  });
  return app;
}
