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

/**
 * Uploads up to this size are read whole (after the request was authorized) before they go to the
 * service, so that they can be sent again if the connection is lost; larger ones stream through.
 */
const RESENDABLE_UPLOAD_BYTES = 256 * 1024;

/**
 * A buffered body as is; a streamed one (uploads) read whole when small, else piped through with its
 * declared length (`streamedLength`, for the header).
 */
async function upstreamBody(req: FastifyRequest): Promise<{ body: Buffer | Readable | null; streamedLength?: string }> {
  if (req.body instanceof Buffer) return { body: req.body.length > 0 ? req.body : null };
  if (!(req.body instanceof Readable)) return { body: null };
  const length = req.headers['content-length'];
  if (typeof length !== 'string') return { body: req.body };
  if (Number(length) > RESENDABLE_UPLOAD_BYTES) return { body: req.body, streamedLength: length };
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req.body) chunks.push(chunk as Buffer);
  } catch {
    throw new UploadCutOff();
  }
  return { body: Buffer.concat(chunks) };
}

class UploadCutOff extends ProblemError {
  constructor() {
    super(400, 'UPLOAD_INCOMPLETE', 'Bad request', 'The upload ended before all of its bytes arrived; send it again.');
  }
}

export interface ForwardOptions {
  /** The path and query at the service, when it differs from the client's. */
  path?: string;
  /** A web session's login, refresh or logout: another body up, the refresh token into a cookie down. */
  rewrite?: SessionRewrite | null;
  /** The route replays a POST's first answer for its Idempotency-Key (route-table.ts). */
  replaysIdempotencyKey?: boolean;
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
    options: ForwardOptions = {},
  ): Promise<FastifyReply> => {
    const path = options.path ?? req.url;
    const rewrite = options.rewrite ?? null;
    const { body, streamedLength } = rewrite?.body ? { body: rewrite.body } : await upstreamBody(req);
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
    if (streamedLength) headers['content-length'] = streamedLength;
    let upstream;
    try {
      // A connection to the service lost before any answer (an instance killed, or one closing a
      // kept-alive connection as the request went out) costs no failed request when the request may go
      // again: a safe method, or a POST whose Idempotency-Key the route replays (see requestResending).
      upstream = await requestResending(
        pool,
        {
          method: req.method as Dispatcher.HttpMethod,
          path,
          headers,
          body,
        },
        {
          idempotent: options.replaysIdempotencyKey === true && typeof headers['idempotency-key'] === 'string',
          onResend: (err) => req.log.info({ err }, 'upstream connection lost before an answer; sending again'),
        },
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
