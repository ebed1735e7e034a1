import type { FastifyReply, FastifyRequest } from '@plh/service-kit';
import { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import {
  beginSpan,
  finishSpan,
  INTERNAL_TOKEN_HEADER,
  ProblemError,
  requestResending,
  SpanKind,
} from '@plh/service-kit';
import type { SessionRewrite } from './session-cookie';

/** Request headers passed on; everything else (cookies, authorization, any x-plh-* sent by a client) stays here. */
const FORWARDED = [
  'content-type',
  'accept',
  'accept-language',
  'idempotency-key',
  'if-match',
  'if-none-match',
  // Standard Webhooks: the receiving service verifies the signature over the exact body.
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  // The providers' own callback signatures (SendGrid's Event Webhook, Twilio), checked by the
  // notification service over the exact body.
  'x-twilio-email-event-webhook-signature',
  'x-twilio-email-event-webhook-timestamp',
  'x-twilio-signature',
  'user-agent',
];
/** Response headers never copied back (hop-by-hop, or ours to set). */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-authenticate',
  'trailer',
  'x-request-id',
]);

export class BadGateway extends ProblemError {
  constructor() {
    super(
      502,
      'UPSTREAM_UNAVAILABLE',
      'Upstream unavailable',
      'The service behind this route did not answer; try again.',
    );
  }
}

/** A buffered body as is; a streamed one (uploads) piped through with its declared length. */
function upstreamBody(req: FastifyRequest, headers: Record<string, string>): Buffer | Readable | null {
  if (req.body instanceof Buffer) return req.body.length > 0 ? req.body : null;
  if (req.body instanceof Readable) {
    const length = req.headers['content-length'];
    if (typeof length === 'string') headers['content-length'] = length;
    return req.body;
  }
  return null;
}

export function createProxy(baseUrl: string, timeoutMs: number) {
  const pool = new Pool(baseUrl, {
    connections: 128,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
  });
  const forward = async (
    req: FastifyRequest,
    reply: FastifyReply,
    internalToken: string | null,
    /** The path and query at the service, when it differs from the client's. */
    path: string = req.url,
    /** A web session's login, refresh or logout: another body up, the refresh token into a cookie down. */
    rewrite: SessionRewrite | null = null,
  ): Promise<FastifyReply> => {
    // The client address as this gateway determined it (TRUST_PROXY): one value, never the client's own
    // X-Forwarded-For, so services throttle logins per real client and cannot be fed a spoofed chain.
    // The call upstream is a client span of this request; the service continues the trace from it.
    const { span, traceparent } = beginSpan(`${req.method} upstream`, SpanKind.CLIENT, req.traceparent, {
      'http.request.method': req.method,
      'server.address': baseUrl,
    });
    const headers: Record<string, string> = {
      'x-request-id': String(req.id),
      traceparent,
      'x-forwarded-for': req.ip,
    };
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (internalToken) headers[INTERNAL_TOKEN_HEADER] = internalToken;
    if (rewrite?.body) headers['content-type'] = 'application/json';
    let upstream;
    try {
      // A service instance draining in a rolling restart closes its kept-alive connections: a request
      // caught in one goes again on another connection when it may (see requestResending).
      upstream = await requestResending(
        pool,
        {
          method: req.method as Dispatcher.HttpMethod,
          path,
          headers,
          body: rewrite?.body ?? upstreamBody(req, headers),
        },
        { onResend: (err) => req.log.info({ err }, 'upstream connection lost before an answer; sending again') },
      );
    } catch (err) {
      finishSpan(span, { error: err });
      req.log.error({ err }, 'upstream request failed');
      throw new BadGateway();
    }
    finishSpan(span, { attributes: { 'http.response.status_code': upstream.statusCode } });
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !DROPPED.has(name) && !(rewrite && name === 'content-length'))
        reply.header(name, value);
    }
    // RFC 9110 §7.6.3: this answer came from the service behind the gateway.
    reply.header('via', '1.1 plh-gateway');
    if (rewrite) {
      const changed = rewrite.answer(upstream.statusCode, Buffer.from(await upstream.body.arrayBuffer()));
      if (changed.cookie) reply.header('set-cookie', changed.cookie);
      return reply.code(upstream.statusCode).send(changed.body.length ? changed.body : null);
    }
    return reply.code(upstream.statusCode).send(upstream.body);
  };
  return { forward, close: () => pool.close() };
}
