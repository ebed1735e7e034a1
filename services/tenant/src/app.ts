import { createService, type ServiceApp, type Platform } from '@plh/service-kit';
import type { Config } from './config';
import type { PrismaClient } from '../generated/prisma';

export interface Deps {
  platform: Platform<PrismaClient>;
}

/** The tenant service: tenants, users, tokens and JWKS, API keys, settings, provider roster. */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'tenant', config, readiness: deps.platform.readiness });
  app.addHook('onClose', () => deps.platform.close());
  return app;
}
