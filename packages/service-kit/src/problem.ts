import { Type, type Static } from '@sinclair/typebox';

/** Problem `type` URIs are `${PROBLEM_BASE}/<code-in-kebab-case>` (the public docs site's problem pages). */
export const PROBLEM_BASE = 'https://docs.patientletterhub.com/problems';

/**
 * RFC 9457 problem details, plus our extensions: a stable `code`, the `requestId` to quote to
 * support, and for validation failures the failing fields as JSON pointers.
 * See: https://www.rfc-editor.org/rfc/rfc9457
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;
export type FieldError = { pointer: string; message: string };

export function problemTypeOf(code: string): string {
  return `${PROBLEM_BASE}/${code.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * Domain code throws these; the error handler sends them as they are. `detail` describes this
 * occurrence for the caller, so it must never hold PHI, secrets or internals.
 */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers (Retry-After, WWW-Authenticate, ...). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }

  get type(): string {
    return problemTypeOf(this.code);
  }
}

/** The catalogue of platform-wide problems; services add their own subclasses beside their domain. */
export class ValidationFailed extends ProblemError {
  constructor(errors: FieldError[], detail = 'The request is not valid; see errors for each failing field.') {
    super(400, 'VALIDATION_FAILED', 'Request validation failed', detail, errors);
  }
}
export class Unauthorized extends ProblemError {
  constructor(detail = 'Authentication is required.') {
    super(401, 'UNAUTHORIZED', 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });
  }
}
export class Forbidden extends ProblemError {
  constructor(detail = 'You are not allowed to do this.') {
    super(403, 'FORBIDDEN', 'Forbidden', detail);
  }
}
export class NotFound extends ProblemError {
  constructor(detail = 'The resource does not exist.') {
    super(404, 'NOT_FOUND', 'Not found', detail);
  }
}
export class RouteNotFound extends ProblemError {
  constructor(method: string, path: string) {
    super(404, 'ROUTE_NOT_FOUND', 'No such route', `${method} ${path} is not a route of this API.`);
  }
}
export class Conflict extends ProblemError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}
/** A stale `If-Match` (or version): someone changed the resource since the caller read it. */
export class PreconditionFailed extends ProblemError {
  constructor(detail = 'The resource changed since you read it; fetch it again and retry.') {
    super(412, 'PRECONDITION_FAILED', 'Precondition failed', detail);
  }
}
/** Well-formed, but not something this resource can do with it (RFC 9110 §15.5.21). */
export class Unprocessable extends ProblemError {
  constructor(code: string, detail: string, errors?: FieldError[]) {
    super(422, code, 'Unprocessable content', detail, errors);
  }
}
export class PayloadTooLarge extends ProblemError {
  constructor(detail = 'The request body is too large.') {
    super(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', detail);
  }
}
export class UnsupportedMediaType extends ProblemError {
  constructor(detail = 'This content type is not accepted here.') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', detail);
  }
}
export class ServiceUnavailable extends ProblemError {
  constructor(detail = 'The service is not ready.') {
    super(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail);
  }
}
export class InternalError extends ProblemError {
  constructor() {
    super(
      500,
      'INTERNAL_ERROR',
      'Internal server error',
      'Something went wrong on our side; quote the requestId to support.',
    );
  }
}

/** A stored file whose bytes the retention policy deleted: the record stays, the content is gone. */
export class FileDeletedByRetention extends ProblemError {
  constructor(deletedAt: Date) {
    super(
      410,
      'FILE_DELETED_BY_RETENTION',
      'Gone',
      `This file was deleted on ${deletedAt.toISOString().slice(0, 10)} under the retention policy; its record and hash remain.`,
    );
  }
}
