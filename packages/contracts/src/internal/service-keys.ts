import { MAILING_READ_SCOPE } from './mailing';
import { ROSTER_READ_SCOPE } from './roster';
import { USERS_READ_SCOPE } from './users';
import { NOTIFICATIONS_SEND_SCOPE } from '../access';

/** The gateway checks API keys with the tenant service. */
export const API_KEYS_VERIFY_SCOPE = 'api-keys:verify';
/** Core reads a practice's settings (prices, cancel window) from the tenant service. */
export const SETTINGS_READ_SCOPE = 'settings:read';
/** The compliance service starts a practice's departure-letter campaign in core… */
export const PROJECTS_WRITE_SCOPE = 'projects:write';
/** …and sets its letter up in the proof engine. */
export const LETTERS_WRITE_SCOPE = 'letters:write';

/**
 * Who may sign internal tokens, and what each signer may claim. Every service that calls another
 * has its own key pair; a key's `kid` is `<service>:<anything>` and names its owner. Only the
 * gateway's key speaks for people and partner systems (user and API-key principals); any other
 * key speaks only for its own service, with the scopes listed here. A stolen proof-engine key
 * therefore cannot pose as an ops admin.
 */
export const SERVICE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  gateway: [API_KEYS_VERIFY_SCOPE],
  core: [SETTINGS_READ_SCOPE],
  'proof-engine': [MAILING_READ_SCOPE],
  // …and may send a message of its own through the notification service's API (the seed's send API).
  compliance: [ROSTER_READ_SCOPE, PROJECTS_WRITE_SCOPE, LETTERS_WRITE_SCOPE, NOTIFICATIONS_SEND_SCOPE],
  // Reads whom to tell (a practice's users, an invited user, the ops team) from the tenant service.
  notification: [USERS_READ_SCOPE],
};

/** The service that speaks for users and API keys. */
export const PRINCIPAL_ISSUER = 'gateway';

/** The service a key belongs to, from its `kid` (`gateway:2026-11`), or null when it names none we know. */
export function keyOwner(kid: string | undefined): string | null {
  const owner = kid?.split(':')[0];
  return owner !== undefined && kid !== owner && Object.hasOwn(SERVICE_SCOPES, owner) ? owner : null;
}
