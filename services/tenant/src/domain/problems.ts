import { Conflict, NotFound, ProblemError } from '@plh/service-kit';

/** Every problem the tenant service answers with besides validation and access: one catalogue. */

/** One answer for every failed login (unknown email, wrong password, suspended): no user enumeration. */
export class InvalidCredentials extends ProblemError {
  constructor() {
    super(401, 'INVALID_CREDENTIALS', 'Invalid credentials', 'The email or password is not correct.');
  }
}

export class TooManyAttempts extends ProblemError {
  constructor(retryAfterSec: number) {
    super(
      429,
      'TOO_MANY_ATTEMPTS',
      'Too many attempts',
      'Too many failed logins; wait before trying again.',
      undefined,
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))) },
    );
  }
}

/** A refresh token that is unknown, expired, revoked, or reused (which also revokes its family). */
export class InvalidRefreshToken extends ProblemError {
  constructor() {
    super(401, 'INVALID_REFRESH_TOKEN', 'Invalid refresh token', 'Sign in again.');
  }
}

export class InvalidInvite extends ProblemError {
  constructor() {
    super(
      401,
      'INVALID_INVITE',
      'Invalid invitation',
      'The invitation is unknown, used or expired; ask for a new one.',
    );
  }
}

export class InvalidResetToken extends ProblemError {
  constructor() {
    super(
      401,
      'INVALID_RESET_TOKEN',
      'Invalid reset link',
      'The reset link is unknown, used or expired; ask for a new one.',
    );
  }
}

/** Any failure to verify a presented API key (unknown, wrong secret, revoked, expired, practice suspended). */
export class InvalidApiKey extends ProblemError {
  constructor() {
    super(401, 'INVALID_API_KEY', 'Invalid API key', 'The API key is unknown, revoked or expired.');
  }
}

export const EmailTaken = () => new Conflict('EMAIL_TAKEN', 'A user with this email exists already.');
export const LastOwner = () => new Conflict('LAST_OWNER', 'A practice needs at least one active owner.');
export const UserNotActive = () => new Conflict('USER_NOT_ACTIVE', 'An invited user has not accepted yet.');
export const ProviderExists = () => new Conflict('PROVIDER_EXISTS', 'This NPI is on the roster already.');

export const UserNotFound = () => new NotFound('No such user in this practice.');
export const ApiKeyNotFound = () => new NotFound('No such API key.');
export const ProviderNotFound = () => new NotFound('No such provider.');
export const PracticeNotFound = () => new NotFound('No such practice.');
export const DeadLetterNotFound = () => new NotFound('No such dead letter: it was retried already, or never existed.');
export const DeadLetterNotRetryable = () =>
  new Conflict(
    'DEAD_LETTER_NOT_RETRYABLE',
    'This message broke its event contract: sent again, it would only be dead-lettered again. Fix its publisher.',
  );
