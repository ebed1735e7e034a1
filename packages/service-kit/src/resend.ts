import type { Dispatcher } from 'undici';

/**
 * The connection failed before any answer came. A kept-alive connection that the other side closed
 * while the request went out (an instance draining during a rolling restart closes its idle
 * connections; under load the FIN is not read before the next request is written), a connection reset
 * from a closing listener's accept queue (SO_REUSEPORT), or one refused.
 */
const CONNECTION_LOST = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED']);

/**
 * RFC 9110 §9.2.1: safe methods change nothing, so sending one twice is harmless. PUT and DELETE are
 * idempotent by the RFC but not always here (a PUT that is an action answers 409 the second time),
 * and a POST's Idempotency-Key is honoured only by some routes: those the caller vouches for.
 */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const codeOf = (err: unknown) => (err as { code?: unknown } | null)?.code;

/** Whether `err` is a connection lost before any answer (see CONNECTION_LOST). */
export const isConnectionLost = (err: unknown) => CONNECTION_LOST.has(codeOf(err) as string);

/**
 * May this request go out again after its connection was lost? A refused connection carried nothing.
 * Otherwise the server may have read it, so only a request whose repeat does nothing more: a safe
 * method, or one the caller knows to be harmless twice (a lookup by POST; a POST with an
 * Idempotency-Key to a route that answers repeats of it). And only a body that can be sent again:
 * none, a string or a buffer.
 */
function mayResend(options: Dispatcher.RequestOptions, how: ResendOptions, err: unknown): boolean {
  if (!isConnectionLost(err)) return false;
  const body = options.body;
  if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) return false;
  return codeOf(err) === 'ECONNREFUSED' || how.idempotent === true || SAFE.has(options.method);
}

export interface ResendOptions {
  /**
   * The caller knows this request changes nothing more when repeated, whatever its method: a lookup
   * by POST, or a POST carrying an Idempotency-Key to a route that replays its first answer.
   */
  idempotent?: boolean;
  /** Told of each lost connection before the request goes again (a log line, a count). */
  onResend?: (err: unknown) => void;
}

/** A draining instance closes all its idle connections at once: the next pick may be one more of them. */
const MAX_RESENDS = 2;

/**
 * `dispatcher.request(options)`, sent again when its connection was lost before any answer and the
 * request may be repeated (mayResend), as browsers and Go's HTTP client do. A lost connection is
 * dropped from the pool, so the repeat goes out on another one. Timeouts and answers, errors included,
 * are never repeated: the caller decides about those.
 */
export async function requestResending(
  dispatcher: Dispatcher,
  options: Dispatcher.RequestOptions,
  how: ResendOptions = {},
): Promise<Dispatcher.ResponseData> {
  for (let resends = 0; ; resends++) {
    try {
      return await dispatcher.request(options);
    } catch (err) {
      if (resends === MAX_RESENDS || !mayResend(options, how, err)) throw err;
      how.onResend?.(err);
    }
  }
}
