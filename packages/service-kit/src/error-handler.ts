import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  InternalError,
  PayloadTooLarge,
  ProblemError,
  RouteNotFound,
  UnsupportedMediaType,
  ValidationFailed,
  type FieldError,
  type Problem,
} from './problem';

interface AjvIssue {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Ajv issues -> JSON pointers into the request (`/body/address/zip`, `/query/limit`). */
export function fieldErrorsOf(issues: AjvIssue[], context: string | undefined): FieldError[] {
  return issues.map((issue) => {
    const missing = typeof issue.params?.missingProperty === 'string' ? `/${issue.params.missingProperty}` : '';
    const extra = typeof issue.params?.additionalProperty === 'string' ? `/${issue.params.additionalProperty}` : '';
    return {
      pointer: `/${context ?? 'body'}${issue.instancePath}${missing}${extra}`,
      message: issue.message ?? 'is invalid',
    };
  });
}

/** Maps anything thrown in a request to a problem; only ProblemErrors and known 4xx keep their detail. */
export function toProblemError(err: FastifyError | Error): ProblemError {
  if (err instanceof ProblemError) return err;
  const fe = err as FastifyError;
  if (fe.validation) return new ValidationFailed(fieldErrorsOf(fe.validation as AjvIssue[], fe.validationContext));
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaType();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Node's parse error quotes the body, which may hold PHI, so the detail is fixed.
      return new ValidationFailed([{ pointer: '/body', message: 'is not valid JSON' }], 'The body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ValidationFailed([{ pointer: '/body', message: 'must not be empty' }], 'The JSON body is empty.');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ProblemError(
      fe.statusCode,
      fe.code?.replace(/^FST_ERR_/, '') || 'BAD_REQUEST',
      'Bad request',
      'The request was rejected.',
    );
  }
  return new InternalError();
}

export function problemBody(problem: ProblemError, req: FastifyRequest): Problem {
  return {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: req.url.split('?')[0],
    code: problem.code,
    requestId: String(req.id),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemError): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers ?? {})) reply.header(name, value);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(problemBody(problem, reply.request));
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblemError(err);
  if (problem.status >= 500) req.log.error({ err }, 'request failed');
  else if (!(err instanceof ProblemError))
    req.log.info({ code: problem.code, status: problem.status }, 'request rejected');
  return sendProblem(reply, problem);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, new RouteNotFound(req.method, req.url.split('?')[0] ?? '/'));
}
