import type { FastifyReply, FastifyRequest } from 'fastify';
import { scrubMessage } from '@plh/contracts';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Keys that hold PHI or secrets wherever they appear in a logged object (any depth up to eight):
 * patient names, addresses, dates of birth, contact details, identifiers, credentials.
 * Logging code should pass ids, never these; this list is the safety net, not the plan.
 */
export const PHI_KEYS = [
  'firstName',
  'lastName',
  'middleName',
  'fullName',
  'name',
  'patientName',
  'recipientName',
  'dob',
  'dateOfBirth',
  'birthDate',
  'address',
  'address1',
  'address2',
  'addressLine1',
  'addressLine2',
  'street',
  'city',
  'zip',
  'zipCode',
  'postalCode',
  'phone',
  'phoneNumber',
  'mobile',
  'email',
  'ssn',
  'mrn',
  'medicalRecordNumber',
  'memberId',
  'patient',
  'patients',
  'recipient',
  'recipients',
  'rows',
  'csv',
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'apiKey',
  'acceptToken',
  'resetToken',
  'inviteToken',
  'currentPassword',
] as const;

const REDACTED_KEYS = new Set<string>([
  ...PHI_KEYS,
  // credentials, should a headers object ever be logged
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-plh-internal-token',
]);
const CENSOR = '[REDACTED]';

/**
 * Returns `value` with every PHI/secret key replaced, walking plain objects and arrays (not class
 * instances: requests, errors and the like go through their serializers). One pass over what is
 * logged, instead of pino's path-based redaction, whose wildcard paths cost more than the rest of
 * a request (measured in bench/gateway).
 */
export function redactPhi(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactPhi(item, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const replaced = REDACTED_KEYS.has(key) ? CENSOR : redactPhi(inner, depth + 1);
    if (replaced !== inner) (copy ??= { ...(value as Record<string, unknown>) })[key] = replaced;
  }
  return copy ?? value;
}

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (object) => redactPhi(object) as Record<string, unknown>,
    },
    serializers: {
      // Path only: query strings can carry search terms such as patient names.
      req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], remoteAddress: req.ip }),
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
  };
}

/** The service's pino logger; tests pass a stream to capture what would be written. */
export function createLogger(service: string, level: string, stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(service, level), stream) : pino(loggerOptions(service, level));
}

/** Errors are logged with their type, code, stack frames and a scrubbed message (see scrubMessage). */
function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubMessage(String(err)) };
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: err.constructor?.name ?? err.name,
    message: scrubMessage(err.message),
    ...('code' in err && typeof err.code === 'string' ? { code: err.code } : {}),
    stack: frames.join('\n'),
  };
}
