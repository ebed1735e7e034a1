import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { requestResending } from '@plh/service-kit';
import { ROUTES } from '@plh/gateway/route-table';

/** One request's outcome, by the route template it hit (ids folded: one series per route, not per order). */
export interface Sample {
  route: string;
  status: number;
  ms: number;
  at: number;
  /** Why it failed: the connection error's code, or the problem code of a 5xx. */
  cause?: string;
  /** Connections lost before an answer, each followed by the same request on a new one (as browsers do). */
  resent?: number;
}

/** The POST routes whose service replays the first answer for an Idempotency-Key (the gateway's table). */
const REPLAYING = ROUTES.filter((r) => r.replaysIdempotencyKey).map(
  (r) => new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
);
/** Whether this request may go again after its connection was lost (see requestResending). */
const replaysKey = (method: string, path: string, headers: Record<string, string>) =>
  method === 'POST' &&
  typeof headers['idempotency-key'] === 'string' &&
  REPLAYING.some((route) => route.test(path.split('?')[0]!));

/** The cause of a 5xx whose body is not a problem (no `code`): the start of the body follows. */
export const NOT_A_PROBLEM = 'not a problem:';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
export const routeOf = (method: string, path: string) => `${method} ${path.split('?')[0]!.replace(UUID, ':id')}`;

/** HTTP to the gateway, timing every request; a session re-logs in once when its token expired. */
export class LoadClient {
  readonly samples: Sample[] = [];
  private readonly agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

  constructor(private readonly baseUrl: string) {}

  async call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }> {
    const started = performance.now();
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    let status = 0;
    let cause: string | undefined;
    let resent = 0;
    try {
      const res = await requestResending(
        this.agent,
        { origin: this.baseUrl, path, method: method as 'GET', headers, body },
        // As a browser or Go's client does: a safe request, or a POST whose key the route replays.
        { idempotent: replaysKey(method, path, headers), onResend: () => resent++ },
      );
      status = res.statusCode;
      const text = await res.body.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      if (status >= 500)
        cause = String(res.headers['content-type']).startsWith('application/problem+json')
          ? ((parsed as { code?: string } | null)?.code ?? 'a problem without a code')
          : `${NOT_A_PROBLEM} ${text.slice(0, 120).replace(/\s+/g, ' ')}`;
      return { status, headers: res.headers, body: parsed };
    } catch (err) {
      cause = (err as { code?: string }).code ?? String(err);
      throw err;
    } finally {
      this.samples.push({
        route: routeOf(method, path),
        status,
        ms: performance.now() - started,
        at: Date.now(),
        ...(cause ? { cause } : {}),
        ...(resent ? { resent } : {}),
      });
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/**
 * What a patient person (or a partner's retrying client) does when the platform is briefly unreachable:
 * the same request again after a pause, for up to `forMs`. Every POST then carries an Idempotency-Key
 * that its repeats share, so a request that was done but whose answer was lost is replayed, not redone.
 */
export interface RetryPolicy {
  forMs: number;
  /** Called for each attempt that will be repeated (the fault suite counts them). */
  onRetry?: (route: string, status: number) => void;
  /** Aborted: every call of the session throws at once (the run is over). */
  signal?: AbortSignal;
}

/** No answer, the gateway or a service restarting or unreachable, or the same key still in progress. */
const TRANSIENT = new Set([0, 500, 502, 503, 504]);
const isTransient = (res: { status: number; body: unknown }) =>
  TRANSIENT.has(res.status) ||
  (res.status === 409 && (res.body as { code?: string } | null)?.code === 'IDEMPOTENCY_KEY_IN_USE');

/** A signed-in person: calls with their token, signing in again once if it expired (401). */
export class Session {
  private token = '';
  constructor(
    private readonly client: LoadClient,
    private readonly email: string,
    private readonly password: string,
    private readonly retry?: RetryPolicy,
  ) {}

  async login(): Promise<void> {
    const res = await this.send('POST', '/api/auth/login', {
      json: { email: this.email, password: this.password },
    });
    if (res.status !== 200) throw new Error(`login of ${this.email}: HTTP ${res.status}`);
    this.token = (res.body as { accessToken: string }).accessToken;
  }

  use(token: string): this {
    this.token = token;
    return this;
  }

  async call(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ) {
    const res = await this.send(method, path, { ...options, token: this.token });
    if (res.status !== 401) return res;
    await this.login();
    return this.send(method, path, { ...options, token: this.token });
  }

  /** One call, repeated while it fails transiently if this session retries. */
  private async send(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> },
  ) {
    if (!this.retry) return this.client.call(method, path, options);
    const headers = { ...options.headers };
    if (method === 'POST') headers['idempotency-key'] ??= `retry-${randomUUID()}`;
    const deadline = Date.now() + this.retry.forMs;
    for (let attempt = 1; ; attempt++) {
      this.retry.signal?.throwIfAborted();
      // No answer at all (refused, reset): status 0, the call's sample already records it.
      const res = await this.client
        .call(method, path, { ...options, headers })
        .catch(() => ({ status: 0, headers: {}, body: null }));
      if (!isTransient(res) || Date.now() > deadline) return res;
      this.retry.onRetry?.(routeOf(method, path), res.status);
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, 2_000)));
    }
  }
}
