import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's response headers, computed once. @fastify/helmet rebuilds helmet's middleware on every
 * request (measured at ~7% of the gateway's CPU in bench/gateway); the headers never change, so we run
 * helmet once against a recording response and replay what it set.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}
