import { Agent, request } from 'undici';
import { reasonOf } from '../email/email-provider';
import { BlockedTargetError, guardedLookup } from './target-guard';

export interface WebhookResult {
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The first 500 characters of the endpoint's answer, for the practice's delivery log. */
  responseExcerpt: string | null;
}

export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResult>;
  close(): Promise<void>;
}

const EXCERPT_BYTES = 500;

/**
 * POSTs signed webhooks. Success is a 2xx within the timeout; a redirect is a failure (never followed:
 * it could lead anywhere). Outside tests the agent resolves names itself and refuses blocked addresses
 * at connection time (see target-guard). Only the start of an answer is read.
 */
export function webhookSender(options: {
  timeoutMs: number;
  allowPrivate: boolean;
  connections?: number;
}): WebhookSender {
  const agent = new Agent({
    connections: options.connections ?? 8,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs, ...(options.allowPrivate ? {} : { lookup: guardedLookup }) },
  });
  return {
    async post(url, body, headers) {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      const deadline = AbortSignal.timeout(options.timeoutMs);
      try {
        const res = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'PatientLetterHub-Webhooks/1', ...headers },
          body,
          signal: deadline,
        });
        const excerpt = await readExcerpt(res.body);
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        return {
          succeeded: ok,
          statusCode: res.statusCode,
          latencyMs: latency(),
          error: ok
            ? null
            : res.statusCode >= 300 && res.statusCode < 400
              ? 'redirects are not followed'
              : `HTTP ${res.statusCode}`,
          responseExcerpt: excerpt,
        };
      } catch (err) {
        const blocked =
          err instanceof BlockedTargetError || (err as { cause?: unknown }).cause instanceof BlockedTargetError;
        return {
          succeeded: false,
          statusCode: null,
          latencyMs: latency(),
          error: blocked
            ? 'the endpoint resolves to a private or reserved address'
            : deadline.aborted
              ? `no answer within ${options.timeoutMs} ms`
              : reasonOf(err),
          responseExcerpt: null,
        };
      }
    },
    close: () => agent.close(),
  };
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
}
