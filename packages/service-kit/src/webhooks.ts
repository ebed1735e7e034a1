import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { ProblemError } from './problem';

/**
 * Standard Webhooks (https://www.standardwebhooks.com), the one signing scheme of the platform: the
 * inbound fulfilment webhook verifies with it; outbound webhooks to partner systems (the notification
 * service, not built yet) are to sign with it.
 * A signature is `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`; the secret is
 * `whsec_<base64 of 24–64 random bytes>`; timestamps more than five minutes off are refused (replays).
 * During a secret rotation the sender puts both signatures in `webhook-signature`, space-separated.
 */
export const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
export type WebhookHeaders = Record<(typeof WEBHOOK_HEADERS)[number], string>;

export class InvalidWebhookSignature extends ProblemError {
  constructor(detail: string) {
    super(401, 'INVALID_WEBHOOK_SIGNATURE', 'Unauthorized', detail);
  }
}

/** A fresh `whsec_…` secret (32 random bytes), the shape every Standard Webhooks library accepts. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const SECRET_SHAPE = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** Checks a configured secret up front, so a typo fails at start-up instead of at the first delivery. */
export function isWebhookSecret(secret: string): boolean {
  if (!SECRET_SHAPE.test(secret)) return false;
  const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

export interface WebhookSigner {
  /** The three headers for one delivery of `body`; `id` stays the same across retries of it. */
  sign(body: string | Buffer, options?: { id?: string; at?: Date }): WebhookHeaders;
  /** Throws InvalidWebhookSignature unless `headers` sign exactly these bytes, recently. */
  verify(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): void;
}

export function webhookSigner(secret: string): WebhookSigner {
  if (!isWebhookSecret(secret)) throw new Error('A webhook secret is whsec_ followed by 24–64 bytes in base64');
  const webhook = new Webhook(secret);
  return {
    sign(body, { id = `msg_${randomUUID()}`, at = new Date() } = {}) {
      return {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': webhook.sign(id, at, body),
      };
    },
    verify(headers, rawBody) {
      const given: Record<string, string> = {};
      for (const name of WEBHOOK_HEADERS) {
        const value = headers[name];
        if (typeof value !== 'string' || value.length === 0 || value.length > 4096)
          throw new InvalidWebhookSignature(`Missing or malformed ${name} header.`);
        given[name] = value;
      }
      try {
        webhook.verify(rawBody, given, { jsonParse: false });
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) throw err;
        throw new InvalidWebhookSignature(
          /timestamp|Invalid Signature Headers/.test(err.message)
            ? 'The webhook-timestamp is missing, too old or in the future.'
            : 'The signature does not match.',
        );
      }
    },
  };
}
