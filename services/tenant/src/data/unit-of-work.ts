import type { EventRegistry } from '@plh/contracts';
import { createUnitOfWork, type UnitOfWorkOf } from '@plh/service-kit';
import { apiKeyRepository } from './api-key.repository';
import type { PrismaClient, Tx } from './db';
import { identitySystemRepository } from './identity.system-repository';
import { practiceRepository } from './practice.repository';
import { providerRepository } from './provider.repository';
import { rosterSystemRepository } from './roster.system-repository';
import { settingRepository } from './setting.repository';
import { signingKeySystemRepository } from './signing-key.repository';
import { userRepository } from './user.repository';

/** The tenant service's repositories, each bound to one transaction and one practice. */
function tenantRepositories(tx: Tx, tenantId: string) {
  return {
    practice: practiceRepository(tx, tenantId),
    users: userRepository(tx, tenantId),
    apiKeys: apiKeyRepository(tx, tenantId),
    providers: providerRepository(tx, tenantId),
    settings: settingRepository(tx, tenantId),
  };
}

/** What platform-wide work (logins, provisioning, signing keys, the roster for screening) reaches. */
function systemRepositories(tx: Tx) {
  return {
    identity: identitySystemRepository(tx),
    signingKeys: signingKeySystemRepository(tx),
    roster: rosterSystemRepository(tx),
  };
}

export function tenantUnitOfWork(db: PrismaClient, registry: EventRegistry) {
  return createUnitOfWork({
    db,
    registry,
    service: 'tenant',
    repositories: tenantRepositories,
    systemRepositories: systemRepositories,
  });
}
export type TenantUnitOfWork = ReturnType<typeof tenantUnitOfWork>;
/** One transaction's repositories + the platform's outbox, audit log and work context. */
export type UnitOfWork = UnitOfWorkOf<TenantUnitOfWork>;
export type RunUnitOfWork = TenantUnitOfWork['run'];
