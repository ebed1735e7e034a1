import { Agent, request } from 'undici';

/** One request's outcome, by the route template it hit (ids folded: one series per route, not per order). */
export interface Sample {
  route: string;
  status: number;
  ms: number;
  at: number;
}

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
    try {
      const res = await request(`${this.baseUrl}${path}`, {
        method: method as 'GET',
        headers,
        body,
        dispatcher: this.agent,
      });
      status = res.statusCode;
      const text = await res.body.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status, headers: res.headers, body: parsed };
    } finally {
      this.samples.push({ route: routeOf(method, path), status, ms: performance.now() - started, at: Date.now() });
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** A signed-in person: calls with their token, signing in again once if it expired (401). */
export class Session {
  private token = '';
  constructor(
    private readonly client: LoadClient,
    private readonly email: string,
    private readonly password: string,
  ) {}

  async login(): Promise<void> {
    const res = await this.client.call('POST', '/api/auth/login', {
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
    const res = await this.client.call(method, path, { ...options, token: this.token });
    if (res.status !== 401) return res;
    await this.login();
    return this.client.call(method, path, { ...options, token: this.token });
  }
}
