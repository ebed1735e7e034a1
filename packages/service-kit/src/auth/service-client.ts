import { Pool, type Dispatcher } from 'undici';
import { beginSpan, finishSpan, SpanKind } from '../tracing';
import { currentContext } from '../work-context';
import { requestResending } from '../resend';
import { ProblemError, ServiceUnavailable, type FieldError } from '../problem';
import { INTERNAL_TOKEN_HEADER, type createInternalTokenMinter } from './internal-token';

export interface ServiceClient {
  /**
   * GET `path` at the other service as this service: the parsed JSON of a 200, null for a 404, and
   * ServiceUnavailable (503, `unavailable` as its detail) when the service does not answer or
   * answers anything else — a caller never acts on a half-understood answer.
   */
  get<T>(path: string): Promise<T | null>;
  /**
   * POST or PUT a JSON body: the parsed JSON of a 2xx. A 4xx problem the other service answered (its
   * own check refused the request: a 404, a 409, a 422) is thrown as that problem, for the caller to
   * pass on to whoever asked; anything else is ServiceUnavailable.
   */
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * Service-to-service calls over the other service's `/internal` API, each with a service token
 * (short-lived, minted once and reused while fresh) naming this service and the scopes it holds.
 */
export function createServiceClient(input: {
  baseUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
  /** This service's name (the token's subject) and the callee's (its audience). */
  caller: string;
  audience: string;
  scopes: string[];
  /** The problem detail when the other service cannot be used. */
  unavailable: string;
  timeoutMs?: number;
  connections?: number;
}): ServiceClient {
  const timeout = input.timeoutMs ?? 10_000;
  const pool = new Pool(input.baseUrl, {
    connections: input.connections ?? 8,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const principal = { kind: 'service' as const, id: input.caller, tenantId: null, role: null, scopes: input.scopes };
  /** One call, as a client span of the work it is part of; the callee continues the trace from it. */
  const request = async (options: {
    method: Dispatcher.HttpMethod;
    path: string;
    headers: Record<string, string>;
    body?: string;
  }) => {
    const { span, traceparent } = beginSpan(
      `${options.method} ${input.audience}`,
      SpanKind.CLIENT,
      currentContext()?.traceparent,
      {
        'http.request.method': options.method,
        'server.address': input.audience,
        'url.path': options.path.split('?')[0]!,
      },
    );
    try {
      // The other service draining in a rolling restart may drop the connection a call went out on.
      const res = await requestResending(pool, { ...options, headers: { ...options.headers, traceparent } });
      finishSpan(span, {
        attributes: { 'http.response.status_code': res.statusCode },
        ...(res.statusCode >= 500 ? { error: { name: `HTTP ${res.statusCode}` } } : {}),
      });
      return res;
    } catch (error) {
      finishSpan(span, { error });
      throw error;
    }
  };
  return {
    async get<T>(path: string): Promise<T | null> {
      const token = await input.mint(principal, input.audience);
      try {
        const res = await request({ method: 'GET', path, headers: { [INTERNAL_TOKEN_HEADER]: token } });
        if (res.statusCode === 200) return (await res.body.json()) as T;
        await res.body.dump();
        if (res.statusCode === 404) return null;
      } catch {
        // falls through: not answering is the same as answering wrong
      }
      throw new ServiceUnavailable(input.unavailable);
    },
    async send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
      const token = await input.mint(principal, input.audience);
      let relayed: ProblemError | null = null;
      try {
        const res = await request({
          method,
          path,
          headers: { [INTERNAL_TOKEN_HEADER]: token, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.statusCode >= 200 && res.statusCode < 300) return (await res.body.json()) as T;
        const answer = (await res.body.json().catch(() => null)) as {
          code?: unknown;
          title?: unknown;
          detail?: unknown;
          errors?: FieldError[];
        } | null;
        // Only a practice-facing refusal is relayed; the other service's auth failures are ours to own.
        if (
          res.statusCode >= 400 &&
          res.statusCode < 500 &&
          ![401, 403].includes(res.statusCode) &&
          answer &&
          typeof answer.code === 'string'
        )
          relayed = new ProblemError(
            res.statusCode,
            answer.code,
            typeof answer.title === 'string' ? answer.title : 'Refused',
            typeof answer.detail === 'string' ? answer.detail : undefined,
            Array.isArray(answer.errors) ? answer.errors : undefined,
          );
      } catch {
        // falls through: not answering is the same as answering wrong
      }
      throw relayed ?? new ServiceUnavailable(input.unavailable);
    },
    close: () => pool.close(),
  };
}
