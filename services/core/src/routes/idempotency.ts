import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { principalOf, ProblemError, Unprocessable, type FastifyReply, type FastifyRequest } from '@plh/service-kit';
import type { RunUnitOfWork } from '../data/unit-of-work';
import { IDEMPOTENCY_KEY_TTL_MS } from '../domain/retention/prune-idempotency-keys';

const KEY = /^[A-Za-z0-9_:.-]{8,255}$/;
/** A request still "in flight" after this long crashed; its key may be used again. */
const ABANDONED_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { tenantId: string; key: string };
  }
}

class KeyInUse extends ProblemError {
  constructor() {
    super(
      409,
      'IDEMPOTENCY_KEY_IN_USE',
      'Conflict',
      'A request with this Idempotency-Key is still being processed.',
      undefined,
      {
        'retry-after': '1',
      },
    );
  }
}

/**
 * `Idempotency-Key` on POST (draft-ietf-httpapi-idempotency-key-header): the first request with a key
 * runs and its answer is kept; the same key with the same request replays that answer
 * (`Idempotent-Replayed: true`); the same key with a different body, path or caller is 422; a
 * concurrent duplicate is 409. Server errors release the key so the client can retry. Streamed
 * uploads are fingerprinted by path, length and type (their bytes are not read twice).
 * See: https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export const idempotency = fp<{ unitOfWork: RunUnitOfWork }>(async (app, { unitOfWork }) => {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined) return;
    if (typeof key !== 'string' || !KEY.test(key))
      throw new Unprocessable(
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 8–255 characters of A-Z a-z 0-9 _ : . -',
      );
    const tenantId = (req.params as { tenantId?: string }).tenantId;
    if (!tenantId) return;
    const principal = principalOf(req);
    const record = {
      principalId: `${principal.kind}:${principal.id}`,
      method: req.method,
      path: req.url.split('?')[0]!,
      requestHash: fingerprint(req),
    };
    const replay = await unitOfWork(tenantId, async ({ idempotency: store }) => {
      if (await store.claim(key, record)) return null;
      const found = await store.find(key);
      if (!found) return null;
      const age = Date.now() - found.createdAt.getTime();
      const inFlight = found.responseStatus === null;
      if (age > IDEMPOTENCY_KEY_TTL_MS || (inFlight && age > ABANDONED_MS)) {
        await store.reclaim(key, record);
        return null;
      }
      if (
        found.principalId !== record.principalId ||
        found.path !== record.path ||
        found.requestHash !== record.requestHash
      )
        throw new Unprocessable(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used for a different request; use a new key for a new request.',
        );
      if (inFlight) throw new KeyInUse();
      return found;
    });
    if (replay) {
      req.raw.resume?.();
      for (const [name, value] of Object.entries((replay.responseHeaders ?? {}) as Record<string, string>))
        if (REPLAYED_HEADERS.includes(name)) reply.header(name, value);
      return reply
        .code(replay.responseStatus!)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(replay.responseBody);
    }
    req.idempotency = { tenantId, key };
    return undefined;
  });

  // The answer is recorded after the request's own transaction committed. If the database is briefly
  // away then (a restart, a failover), keep trying: a retry of this request must replay this answer, not
  // run again against what it already changed (and fail a precondition it changed itself). The answer
  // goes out whatever happens here: it is true, and an error from this hook would hide it.
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = undefined;
    const answer = reply.statusCode < 500 ? jsonOf(payload) : undefined;
    const giveUpAt = Date.now() + RECORD_FOR_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await unitOfWork(claim.tenantId, async ({ idempotency: store }) => {
          if (answer === undefined) await store.release(claim.key);
          else await store.complete(claim.key, reply.statusCode, answer, replayedHeaders(reply));
        });
        return payload;
      } catch (err) {
        const delay = Math.min(100 * 2 ** attempt, 2_000);
        if (Date.now() + delay > giveUpAt) {
          // The key stays "in progress": retries get 409 until it counts as abandoned (ABANDONED_MS).
          req.log.error({ err }, 'could not record the answer of an Idempotency-Key request');
          return payload;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  });
});

/**
 * How long to keep trying (backoff from 100 ms to 2 s): longer than a PostgreSQL restart, shorter than
 * the gateway's wait for an answer (UPSTREAM_TIMEOUT_MS, 15 s) and a drain (SHUTDOWN_TIMEOUT_MS, 10 s).
 */
const RECORD_FOR_MS = 7_000;

/** Headers of an answer that a client acts on, kept with it: the next If-Match, where to poll. */
const REPLAYED_HEADERS = ['etag', 'location'];

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** The JSON answer to keep; undefined for one that cannot be replayed (not JSON): its key is released. */
function jsonOf(payload: unknown): unknown {
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return undefined;
  }
}

function fingerprint(req: FastifyRequest): string {
  const hash = createHash('sha256').update(`${req.method} ${req.url}\n`);
  if (req.body && typeof (req.body as { pipe?: unknown }).pipe === 'function')
    hash.update(`stream ${req.headers['content-type'] ?? ''} ${req.headers['content-length'] ?? ''}`);
  else hash.update(JSON.stringify(req.body ?? null));
  return hash.digest('hex');
}
