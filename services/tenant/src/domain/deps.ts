import type { TenantUnitOfWork } from '../data/unit-of-work';
import type { DeadLetterDesk } from './operations/dead-letters';
import type { AccessTokenIssuer } from './signing/access-token-issuer';

/** What the tenant service's use cases need; built once in app.ts. */
export interface TenantDeps {
  /** Practice-scoped transactions (`run`) and platform-wide ones (`system`: logins, provisioning). */
  unitOfWork: TenantUnitOfWork;
  tokens: AccessTokenIssuer;
  refreshTokenTtlSec: number;
  /** The platform's dead letters (every service's consumers): the ops console lists and retries them. */
  deadLetters: DeadLetterDesk;
}
