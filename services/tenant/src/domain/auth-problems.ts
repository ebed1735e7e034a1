import { ProblemError } from '@plh/service-kit';

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
      {
        'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))),
      },
    );
  }
}

/** A refresh token that is unknown, expired, revoked, or reused (which also revokes its family). */
export class InvalidRefreshToken extends ProblemError {
  constructor() {
    super(401, 'INVALID_REFRESH_TOKEN', 'Invalid refresh token', 'Sign in again.');
  }
}
