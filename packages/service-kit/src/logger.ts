import type { FastifyReply, FastifyRequest } from 'fastify';
import { scrubMessage } from '@plh/contracts';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Keys that hold PHI or secrets wherever they appear in a logged object (up to four levels deep):
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
] as const;

const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-internal-token'];

export function redactPaths(keys: readonly string[] = PHI_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) for (const prefix of ['', '*.', '*.*.', '*.*.*.']) paths.push(`${prefix}${key}`);
  for (const header of SECRET_HEADERS) paths.push(`req.headers["${header}"]`, `res.headers["${header}"]`);
  return paths;
}

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: '[REDACTED]' },
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
